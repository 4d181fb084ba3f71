package dev.sustain.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine the figures were measured on: without them a throughput means nothing. Read from the JVM and
 * {@code /proc} (Linux); what cannot be read is reported as {@code unknown}. Immutable.
 */
public record MachineFacts(String host, int cores, String cpu, String memory, String os, String kernel, String jvm,
    String postgres) {

  public static MachineFacts collect(String postgresVersion) {
    return new MachineFacts(
        readHostName(),
        Runtime.getRuntime().availableProcessors(),
        firstValue(Path.of("/proc/cpuinfo"), "model name"),
        readMemory(),
        readOsName(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        postgresVersion == null || postgresVersion.isBlank() ? "not used" : postgresVersion.trim());
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("cores", cores).put("cpu", cpu).put("memory", memory)
        .put("os", os).put("kernel", kernel).put("jvm", jvm).put("postgres", postgres);
  }

  /** Markdown bullet lines. */
  public String markdown() {
    return String.format(Locale.ROOT, """
        - Host: %s, %d cores (%s), %s RAM
        - OS: %s (%s)
        - JVM: %s
        - PostgreSQL: %s
        """, host, cores, cpu, memory, os, kernel, jvm, postgres);
  }

  private static String readHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String readMemory() {
    String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    try {
      long kb = Long.parseLong(total.replace("kB", "").trim());
      return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
    } catch (NumberFormatException e) {
      return total;
    }
  }

  private static String readOsName() {
    String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
    return pretty.replace("\"", "");
  }

  /** The value after {@code key} and a ':' or '=' on the first line that starts with {@code key}. */
  private static String firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          int sep = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
          return sep < 0 ? "unknown" : line.substring(sep + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux, or not readable: say so in the facts rather than fail the report.
    }
    return "unknown";
  }
}
