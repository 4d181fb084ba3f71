package dev.sustain.server.core.task;

import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskFulfillResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/**
 * {@code task.fulfill} (spec §3.11, T12): the holder settles the task's own promise. The cascade fulfils the
 * task itself (T16), so the task is fulfilled exactly as any other settlement path would fulfil it.
 */
public final class TaskFulfillTransition implements Transition<TaskFulfill> {
  @Override
  public Outcome apply(Step step, TaskFulfill data) {
    PromiseSettle settle = data.action().data();
    step.touch(settle.id());
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (!Fence.holds(task.get(), data.version())) {
      return Outcome.error(409, "Task version mismatch or invalid state");
    }
    PromiseRecord promise = step.state().promise(data.id()).orElseThrow();
    if (promise.state() == PromiseState.PENDING) {
      promise = step.settlement().settle(promise, settle.state().promiseState(), settle.value());
    } else {
      step.tasks().fulfil(task.get());
    }
    return Outcome.ok(new TaskFulfillResult(promise));
  }
}
