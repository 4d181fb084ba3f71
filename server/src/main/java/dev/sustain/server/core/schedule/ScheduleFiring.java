package dev.sustain.server.core.schedule;

import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.Tags;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.state.ScheduleRow;
import java.util.HashMap;
import java.util.Map;

/**
 * Fires the due occurrences of one schedule (spec §4.6): every occurrence {@code t <= now} in order, up to a
 * budget (D8: all due occurrences in one pass, bounded). An occurrence whose promise id already exists is adopted
 * silently.
 */
public final class ScheduleFiring {

  /**
   * Fires up to {@code budget} occurrences of {@code schedule} and stores its new {@code lastRunAt} and
   * {@code nextRunAt}; returns how many fired.
   */
  public int fire(Step step, ScheduleRecord schedule, int budget) {
    Cron cron =
        Cron.parse(schedule.cron())
            .orElseThrow(() -> new IllegalStateException("stored schedule " + schedule.id() + " has an invalid cron"));
    long next = schedule.nextRunAt();
    Long last = schedule.lastRunAt();
    int fired = 0;
    while (next <= step.now() && fired < budget) {
      occur(step, schedule, next);
      last = next;
      next = cron.nextAfter(next);
      fired++;
    }
    if (fired > 0) {
      step.state()
          .put(
              new ScheduleRow(
                  new ScheduleRecord(
                      schedule.id(),
                      schedule.cron(),
                      schedule.promiseId(),
                      schedule.promiseTimeout(),
                      schedule.promiseParam(),
                      schedule.promiseTags(),
                      schedule.createdAt(),
                      next,
                      last)));
    }
    return fired;
  }

  private static void occur(Step step, ScheduleRecord schedule, long t) {
    String id =
        schedule.promiseId().replace("{{.id}}", schedule.id()).replace("{{.timestamp}}", Long.toString(t));
    if (step.state().promise(id).isPresent()) {
      return;
    }
    Map<String, String> tags = new HashMap<>(schedule.promiseTags());
    tags.put(Tags.SCHEDULE, schedule.id());
    tags.put(Tags.ORIGIN, id);
    tags.put(Tags.BRANCH, id);
    tags.put(Tags.PARENT, id);
    tags.put(Tags.PREFIX, id);
    step.creation().insert(id, Step.plus(t, schedule.promiseTimeout()), schedule.promiseParam(), tags, t, null);
  }
}
