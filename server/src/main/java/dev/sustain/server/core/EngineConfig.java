package dev.sustain.server.core;

/**
 * Settings of the pure engine.
 *
 * @param retryTimeout {@code R}, the pending-task retry interval in ms (spec {@code tasks.retry_timeout});
 *     default {@value #DEFAULT_RETRY_TIMEOUT}
 * @param strictLineage enforce the lineage rules V4–V8 and the same-origin checks (spec D2); off by default
 *     because SDK 0.11.5 ids fail them. Validation applies it; the transitions do not depend on it.
 */
public record EngineConfig(long retryTimeout, boolean strictLineage) {
  /** {@code R} = 30 000 ms. */
  public static final long DEFAULT_RETRY_TIMEOUT = 30_000L;

  /** R = 30 000 ms, lenient lineage. */
  public static final EngineConfig DEFAULTS = new EngineConfig(DEFAULT_RETRY_TIMEOUT, false);

  public EngineConfig {
    if (retryTimeout < 1) {
      throw new IllegalArgumentException("retryTimeout must be positive, was " + retryTimeout);
    }
  }
}
