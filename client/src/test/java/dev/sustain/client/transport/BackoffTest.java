package dev.sustain.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleWithinTheirJitterBandUpToTheCapAndRestartAfterReset() {
    Backoff backoff = new Backoff(100, 1_000);
    long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
    for (long ceiling : ceilings) {
      long delay = backoff.next();
      assertTrue(delay >= ceiling / 2 && delay <= ceiling, "delay " + delay + " outside [" + ceiling / 2 + ", "
          + ceiling + "]");
    }
    assertEquals(ceilings.length, backoff.attempts());
    backoff.reset();
    long first = backoff.next();
    assertTrue(first >= 50 && first <= 100, "after reset: " + first);
  }

  @Test
  void manyAttemptsNeverOverflowPastTheCap() {
    Backoff backoff = new Backoff(30_000, 30_000);
    for (int i = 0; i < 200; i++) {
      long delay = backoff.next();
      assertTrue(delay >= 15_000 && delay <= 30_000, "attempt " + i + ": " + delay);
    }
    Backoff wide = new Backoff(1, Long.MAX_VALUE / 2);
    for (int i = 0; i < 100; i++) {
      assertTrue(wide.next() > 0);
    }
  }

  @Test
  void jitterSpreadsDelays() {
    Backoff backoff = new Backoff(1_000, 1_000);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 200; i++) {
      long delay = backoff.next();
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assertTrue(max - min > 200, "200 draws in [500, 1000] spread by only " + (max - min));
  }

  @Test
  void boundsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
  }
}
