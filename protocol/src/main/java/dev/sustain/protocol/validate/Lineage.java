package dev.sustain.protocol.validate;

/**
 * The id grammar of SDK 0.11.5 ({@code ids.js}; spec §2.4, end): a root id contains no {@code :} and is its own
 * origin; its children are {@code root:N}, deeper descendants {@code root:N.M}, detached ones
 * {@code origin:d<hex>}. The reference server's {@code .}-based rules reject all of these, so strict mode uses
 * this grammar instead. Stateless.
 */
final class Lineage {
  private Lineage() {}

  /** The text before the first {@code :}, or all of {@code id}. */
  static String origin(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? id : id.substring(0, colon);
  }

  /**
   * Whether {@code id} is {@code ancestor} or descends from it: a root ({@code ancestor} without {@code :}) is
   * extended with {@code :}, anything below a root with {@code .}.
   */
  static boolean descendsFrom(String id, String ancestor) {
    if (id.equals(ancestor)) {
      return true;
    }
    String separator = ancestor.indexOf(':') < 0 ? ":" : ".";
    return id.startsWith(ancestor + separator);
  }
}
