package dev.sustain.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} command-line flags of one subcommand. Unknown flags and malformed numbers fail with a
 * message naming the flag. Not thread-safe; used by {@code main} only.
 */
public final class Flags {
  private final Map<String, String> values = new LinkedHashMap<>();

  private Flags() {}

  /** Parses {@code args}, accepting only {@code known} names (without the leading dashes). */
  public static Flags parse(String[] args, int from, Set<String> known) {
    Flags flags = new Flags();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected a --flag, got '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; known: --" + String.join(", --", new TreeSet<>(known)));
      }
      flags.values.put(name, value);
    }
    return flags;
  }

  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": expected an integer, got '" + value + "'");
    }
  }

  public double decimal(String name, double fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": expected a number, got '" + value + "'");
    }
  }
}
