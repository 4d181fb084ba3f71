package dev.sustain.server.core;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.schedule.ScheduleFiring;
import dev.sustain.server.core.state.State;
import dev.sustain.server.core.state.TaskRow;

/**
 * The background timeout pass (spec §4.5.5), one {@code now} for the whole pass: promise timeouts (every pending
 * promise is armed, D3) with one phased cascade, then task timers (retry T6, lease T8), then schedules (§4.6).
 * Each step re-reads state, so late, early or repeated passes are safe. Every step is bounded so one pass stays a
 * small transaction; work left over stays due and the next pass (scheduled at {@link State#nextDeadline()},
 * already past) picks it up.
 */
public final class TimeoutPass {
  /** At most this many promise timeouts per pass. */
  public static final int PROMISE_BATCH = 1000;
  /** At most this many task timers per pass. */
  public static final int TASK_BATCH = 1000;
  /** At most this many due schedules per pass. */
  public static final int SCHEDULE_BATCH = 100;
  /** At most this many schedule occurrences per pass, over all schedules (D8). */
  public static final int OCCURRENCE_BUDGET = 1000;

  private final EngineConfig config;
  private final ScheduleFiring firing = new ScheduleFiring();

  TimeoutPass(EngineConfig config) {
    this.config = config;
  }

  /** Runs one pass over {@code state} at {@code now}. */
  public void run(State state, long now) {
    Step step = new Step(state, config, now, null);
    step.settlement().timeOut(state.promisesDue(now, PROMISE_BATCH));
    for (TaskRow task : state.tasksDue(now, TASK_BATCH)) {
      boolean timerBound = task.state() == TaskState.PENDING || task.state() == TaskState.ACQUIRED;
      if (timerBound && promiseIsLive(state, task.id(), now)) {
        step.tasks().dispatch(task);
      }
    }
    int budget = OCCURRENCE_BUDGET;
    for (ScheduleRecord schedule : state.schedulesDue(now, SCHEDULE_BATCH)) {
      if (budget <= 0) {
        break;
      }
      budget -= firing.fire(step, schedule, budget);
    }
  }

  /**
   * A task whose promise is due but was left for a later pass by {@link #PROMISE_BATCH} is not re-announced:
   * that pass fulfils it.
   */
  private static boolean promiseIsLive(State state, String id, long now) {
    return state.promise(id).map(PromiseRecord::timeoutAt).map(at -> at > now).orElse(false);
  }
}
