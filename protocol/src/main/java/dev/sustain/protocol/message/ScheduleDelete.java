package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code schedule.delete}. */
public record ScheduleDelete(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.SCHEDULE_DELETE;
  }
}
