package dev.sustain.server.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClockTest {

  @Test
  void followsTheWallClockButNeverGoesBackwards() {
    AtomicLong wall = new AtomicLong(1_000);
    Clock clock = new Clock(wall::get);
    assertEquals(1_000, clock.now());
    wall.set(1_500);
    assertEquals(1_500, clock.now());
    wall.set(900);
    assertEquals(1_500, clock.now(), "a step back of the wall clock is not seen");
    wall.set(1_600);
    assertEquals(1_600, clock.now());
  }
}
