package dev.sustain.server.core.task;

import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/** {@code task.continue} (spec §3.16, T15): a halted task is re-dispatched at its version. */
public final class TaskContinueTransition implements Transition<TaskContinue> {
  @Override
  public Outcome apply(Step step, TaskContinue data) {
    step.touch(data.id());
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (task.get().state() != TaskState.HALTED) {
      return Outcome.error(409, "Task is not halted");
    }
    step.tasks().dispatch(task.get());
    return Outcome.ok(Empty.INSTANCE);
  }
}
