package dev.sustain.protocol.validate;

/**
 * Switches of {@link RequestRules}.
 *
 * @param strictLineage enforce the lineage rules V4–V8 of spec §2.4 and the same-origin checks of
 *     {@code promise.register_callback}, {@code task.suspend} and {@code task.heartbeat}, using the SDK 0.11.5
 *     {@code origin:seq.seq} id grammar. Off by default: the SDK turns the resulting 400s into retry loops
 *     (spec D2).
 */
public record RuleOptions(boolean strictLineage) {
  /** Lineage rules off, as spec D2 recommends. */
  public static final RuleOptions DEFAULT = new RuleOptions(false);

  /** Lineage rules on. */
  public static final RuleOptions STRICT = new RuleOptions(true);
}
