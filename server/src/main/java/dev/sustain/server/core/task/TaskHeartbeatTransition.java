package dev.sustain.server.core.task;

import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code task.heartbeat} (spec §3.14, T9), no Touch. Renews each listed lease that {@code pid} holds at the
 * listed version; an empty list renews every lease of {@code pid} (D1); batches may mix origins (D2). A task
 * whose promise is settled or past its deadline is not renewed (D11). Mismatches are silently skipped.
 */
public final class TaskHeartbeatTransition implements Transition<TaskHeartbeat> {
  @Override
  public Outcome apply(Step step, TaskHeartbeat data) {
    List<TaskRow> candidates = new ArrayList<>();
    if (data.tasks().isEmpty()) {
      candidates.addAll(step.state().tasksHeldBy(data.pid()));
    } else {
      for (TaskRef ref : data.tasks()) {
        step.state()
            .task(ref.id())
            .filter(t -> Fence.holds(t, ref.version()) && data.pid().equals(t.pid()))
            .ifPresent(candidates::add);
      }
    }
    for (TaskRow task : candidates) {
      // Re-read: a duplicate entry in the batch sees the lease the first one wrote.
      TaskRow current = step.state().task(task.id()).orElseThrow();
      if (isLive(step, current)) {
        step.tasks().renewLease(current);
      }
    }
    return Outcome.ok(Empty.INSTANCE);
  }

  private static boolean isLive(Step step, TaskRow task) {
    return step.state()
        .promise(task.id())
        .map(p -> p.state() == PromiseState.PENDING && p.timeoutAt() > step.now())
        .orElse(false);
  }
}
