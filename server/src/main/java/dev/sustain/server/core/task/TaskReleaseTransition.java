package dev.sustain.server.core.task;

import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/** {@code task.release} (spec §3.10, T7): the holder gives the task back; it is re-announced at once. */
public final class TaskReleaseTransition implements Transition<TaskRelease> {
  @Override
  public Outcome apply(Step step, TaskRelease data) {
    step.touch(data.id());
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (!Fence.holds(task.get(), data.version())) {
      return Outcome.error(409, "Task version mismatch or invalid state");
    }
    step.tasks().dispatch(task.get());
    return Outcome.ok(Empty.INSTANCE);
  }
}
