package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code schedule.get}. */
public record ScheduleGet(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.SCHEDULE_GET;
  }
}
