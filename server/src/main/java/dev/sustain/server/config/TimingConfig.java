package dev.sustain.server.config;

/**
 * Server-side clocks (Rust sections {@code tasks} and {@code timeouts}).
 *
 * @param retryTimeout {@code R}: ms before a pending task is re-announced (Rust {@code tasks.retry_timeout});
 *     default {@value #DEFAULT_RETRY_TIMEOUT}
 * @param pollInterval ms between safety-net timeout passes (Rust {@code timeouts.poll_interval}); the next-due
 *     timer fires at each deadline, this period bounds how late a missed one can be; default
 *     {@value #DEFAULT_POLL_INTERVAL}
 */
public record TimingConfig(long retryTimeout, long pollInterval) {
  /** 30 000 ms. */
  public static final long DEFAULT_RETRY_TIMEOUT = 30_000L;

  /** 1 000 ms. */
  public static final long DEFAULT_POLL_INTERVAL = 1_000L;

  public TimingConfig {
    if (retryTimeout < 1) {
      throw new IllegalArgumentException("retryTimeout must be positive: " + retryTimeout);
    }
    if (pollInterval < 1) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
  }
}
