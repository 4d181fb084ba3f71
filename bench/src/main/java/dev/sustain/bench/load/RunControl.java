package dev.sustain.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Start and stop of the run, shared by every loop: loops keep iterating while {@link #issuing()} and report
 * when they stop, so the driver knows when nothing is in flight any more. Thread-safe.
 */
final class RunControl {
  private final CountDownLatch stopped;
  private final long roundTripTimeoutNanos;
  private volatile boolean issuing;

  RunControl(int loops, long roundTripTimeoutMs) {
    this.stopped = new CountDownLatch(loops);
    this.roundTripTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(roundTripTimeoutMs);
  }

  boolean issuing() {
    return issuing;
  }

  void start() {
    issuing = true;
  }

  void stop() {
    issuing = false;
  }

  /** A loop saw {@link #issuing()} false and will not start another iteration. */
  void loopStopped() {
    stopped.countDown();
  }

  /** Blocks until every loop stopped or {@code timeoutMs} passed; returns the loops still running. */
  long awaitStopped(long timeoutMs) throws InterruptedException {
    stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    return stopped.getCount();
  }

  long roundTripTimeoutNanos() {
    return roundTripTimeoutNanos;
  }
}
