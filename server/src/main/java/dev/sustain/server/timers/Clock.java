package dev.sustain.server.timers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The server's time source in Unix ms (spec §1.6): the wall clock made monotonic, so a step backwards (NTP,
 * a VM resume) never makes one request see an earlier {@code now} than a previous one. Thread-safe: every event
 * loop reads the same instance.
 */
public final class Clock {
  private final LongSupplier wall;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param wall the underlying wall clock; tests pass one that steps backwards
   */
  public Clock(LongSupplier wall) {
    this.wall = wall;
  }

  /** The system wall clock, made monotonic. */
  public static Clock system() {
    return new Clock(System::currentTimeMillis);
  }

  /** The current time: never smaller than a value returned before. */
  public long now() {
    long read = wall.getAsLong();
    return last.accumulateAndGet(read, Math::max);
  }
}
