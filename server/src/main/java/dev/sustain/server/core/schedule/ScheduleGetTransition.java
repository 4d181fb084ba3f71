package dev.sustain.server.core.schedule;

import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleGetResult;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;

/** {@code schedule.get} (spec §3.19). */
public final class ScheduleGetTransition implements Transition<ScheduleGet> {
  @Override
  public Outcome apply(Step step, ScheduleGet data) {
    return step.state()
        .schedule(data.id())
        .map(s -> Outcome.ok(new ScheduleGetResult(s)))
        .orElseGet(() -> Outcome.error(404, "Schedule not found"));
  }
}
