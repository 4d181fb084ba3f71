package dev.sustain.client.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays with "equal jitter": attempt {@code n} waits a random time in
 * {@code [c/2, c]} where {@code c = min(max, min * 2^n)}. The random half spreads the reconnect storm of many
 * workers after a server restart; the fixed half keeps a flapping server from being hammered. Confined to one
 * context (not thread-safe).
 */
public final class Backoff {
  private final long min;
  private final long max;
  private int attempt;

  public Backoff(long min, long max) {
    if (min <= 0 || max < min) {
      throw new IllegalArgumentException("backoff bounds: expected 0 < min <= max, got " + min + ", " + max);
    }
    this.min = min;
    this.max = max;
  }

  /** The delay before the next attempt, in milliseconds; each call doubles the ceiling up to {@code max}. */
  public long next() {
    long ceiling = attempt >= 62 || min > (max >> attempt) ? max : min << attempt;
    attempt++;
    // Rounded up, so a 1 ms minimum never yields an immediate (0 ms) retry.
    long half = ceiling - ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }

  /** Called after a successful connection: the next failure starts again from {@code min}. */
  public void reset() {
    attempt = 0;
  }

  /** Attempts since the last {@link #reset()}. */
  public int attempts() {
    return attempt;
  }
}
