package dev.sustain.protocol.message;

/**
 * The {@code {}} success body of {@code task.release}, {@code task.suspend} (200), {@code task.halt},
 * {@code task.continue}, {@code task.heartbeat}, {@code schedule.delete} and {@code debug.start/stop/reset}.
 */
public record Empty() implements ResponseData {
  public static final Empty INSTANCE = new Empty();
}
