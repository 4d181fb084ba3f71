package dev.sustain.bench.load;

import io.vertx.core.Vertx;

/**
 * Spaces one loop's iterations for a fixed total rate: each of {@code loops} loops starts one iteration every
 * {@code loops / rate} seconds, the loops offset from each other so that starts spread evenly. A loop that falls
 * behind starts at once but does not burst to catch up, so the offered load never exceeds the rate. With rate 0
 * every iteration starts immediately (closed loop). Confined to its loop's event loop.
 */
final class Pacer {
  private final Vertx vertx;
  private final long intervalNanos;
  private long nextAt;

  Pacer(Vertx vertx, double rate, int loops, int index) {
    this.vertx = vertx;
    this.intervalNanos = rate <= 0 ? 0 : (long) (loops / rate * 1e9);
    this.nextAt = System.nanoTime() + (intervalNanos == 0 ? 0 : intervalNanos * index / loops);
  }

  void await(Runnable iteration) {
    if (intervalNanos == 0) {
      iteration.run();
      return;
    }
    long now = System.nanoTime();
    if (nextAt < now - intervalNanos) {
      nextAt = now;
    }
    long delayMs = (nextAt - now) / 1_000_000;
    nextAt += intervalNanos;
    if (delayMs >= 1) {
      vertx.setTimer(delayMs, id -> iteration.run());
    } else {
      iteration.run();
    }
  }
}
