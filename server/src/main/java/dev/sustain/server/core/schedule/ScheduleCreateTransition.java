package dev.sustain.server.core.schedule;

import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleCreateResult;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.ScheduleRow;
import java.util.Optional;

/**
 * {@code schedule.create} (spec §3.18). The cron expression is checked here because the protocol module does
 * not parse cron; like every validation it comes before the idempotent-by-id lookup.
 */
public final class ScheduleCreateTransition implements Transition<ScheduleCreate> {
  @Override
  public Outcome apply(Step step, ScheduleCreate data) {
    Optional<Cron> cron = Cron.parse(data.cron());
    if (cron.isEmpty()) {
      return Outcome.error(400, "Invalid cron expression");
    }
    Optional<ScheduleRecord> existing = step.state().schedule(data.id());
    if (existing.isPresent()) {
      return Outcome.ok(new ScheduleCreateResult(existing.get()));
    }
    ScheduleRecord created =
        new ScheduleRecord(
            data.id(),
            data.cron(),
            data.promiseId(),
            data.promiseTimeout(),
            data.promiseParam(),
            data.promiseTags(),
            step.now(),
            cron.get().nextAfter(step.now()),
            null);
    step.state().put(new ScheduleRow(created));
    return Outcome.ok(new ScheduleCreateResult(created));
  }
}
