package dev.sustain.protocol.message;

import dev.sustain.protocol.model.ScheduleRecord;
import java.util.List;

/** 200 {@code data} of {@code schedule.search}; {@code cursor} is {@code null} (omitted) when no more records. */
public record ScheduleSearchResult(List<ScheduleRecord> schedules, String cursor) implements ResponseData {
  public ScheduleSearchResult {
    schedules = List.copyOf(schedules);
  }
}
