package dev.sustain.server.core.state;

import dev.sustain.protocol.model.ScheduleRecord;
import java.util.Objects;

/** A schedule; its timer is its {@code nextRunAt}. */
public record ScheduleRow(ScheduleRecord schedule) implements Row {
  public ScheduleRow {
    Objects.requireNonNull(schedule, "schedule");
  }

  public String id() {
    return schedule.id();
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.SCHEDULES, schedule.id());
  }
}
