package dev.sustain.server.core.task;

import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/** {@code task.halt} (spec §3.15, T14): operator stop; idempotent on a halted task, callbacks kept. */
public final class TaskHaltTransition implements Transition<TaskHalt> {
  @Override
  public Outcome apply(Step step, TaskHalt data) {
    step.touch(data.id());
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    switch (task.get().state()) {
      case FULFILLED -> {
        return Outcome.error(409, "Task is fulfilled");
      }
      case HALTED -> {
        return Outcome.ok(Empty.INSTANCE);
      }
      case PENDING, ACQUIRED, SUSPENDED -> {
        step.tasks().halt(task.get());
        return Outcome.ok(Empty.INSTANCE);
      }
    }
    throw new IllegalStateException("unknown task state " + task.get().state());
  }
}
