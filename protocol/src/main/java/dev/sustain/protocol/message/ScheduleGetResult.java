package dev.sustain.protocol.message;

import dev.sustain.protocol.model.ScheduleRecord;
import java.util.Objects;

/** 200 {@code data} of {@code schedule.get}: {@code {schedule}}. */
public record ScheduleGetResult(ScheduleRecord schedule) implements ResponseData {
  public ScheduleGetResult {
    Objects.requireNonNull(schedule, "schedule");
  }
}
