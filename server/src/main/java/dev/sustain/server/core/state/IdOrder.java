package dev.sustain.server.core.state;

import java.util.Comparator;

/**
 * The order of ids and addresses in every ordered query: UTF-8 byte order (= code point order), which is what
 * the SQL stores produce. Java's {@link String#compareTo} compares UTF-16 units instead and would put astral
 * characters (surrogate pairs) before U+E000–U+FFFF.
 */
final class IdOrder implements Comparator<String> {
  static final IdOrder INSTANCE = new IdOrder();

  private IdOrder() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000–U+FFFF, so unit order becomes code point order. */
  private static int rank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
