package dev.sustain.server.core.task;

import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/** {@code task.acquire} (spec §3.9, T5): claims a pending task at the version its execute carried. */
public final class TaskAcquireTransition implements Transition<TaskAcquire> {
  @Override
  public Outcome apply(Step step, TaskAcquire data) {
    step.touch(data.id());
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (task.get().state() != TaskState.PENDING) {
      return Outcome.error(409, "Task is not pending");
    }
    if (task.get().version() != data.version()) {
      return Outcome.error(409, "Version mismatch");
    }
    TaskRow acquired = step.tasks().acquire(task.get(), data.pid(), data.ttl());
    PromiseRecord promise = step.state().promise(data.id()).orElseThrow();
    return Outcome.ok(new TaskAcquireResult(step.tasks().record(acquired), promise, step.preload(promise)));
  }
}
