package dev.sustain.protocol.message;

import dev.sustain.protocol.model.ScheduleRecord;
import java.util.Objects;

/** 200 {@code data} of {@code schedule.create}: {@code {schedule}}. */
public record ScheduleCreateResult(ScheduleRecord schedule) implements ResponseData {
  public ScheduleCreateResult {
    Objects.requireNonNull(schedule, "schedule");
  }
}
