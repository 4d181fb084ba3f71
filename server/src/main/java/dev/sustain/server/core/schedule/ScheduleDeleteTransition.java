package dev.sustain.server.core.schedule;

import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;

/** {@code schedule.delete} (spec §3.19): the schedule and its timer go; promises it created stay. */
public final class ScheduleDeleteTransition implements Transition<ScheduleDelete> {
  @Override
  public Outcome apply(Step step, ScheduleDelete data) {
    if (step.state().schedule(data.id()).isEmpty()) {
      return Outcome.error(404, "Schedule not found");
    }
    step.state().delete(RowKey.of(Table.SCHEDULES, data.id()));
    return Outcome.ok(Empty.INSTANCE);
  }
}
