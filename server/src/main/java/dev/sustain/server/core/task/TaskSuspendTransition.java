package dev.sustain.server.core.task;

import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.TaskSuspendResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.TaskRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code task.suspend} (spec §3.12): suspend on the awaited promises (T10), or answer 300 with the preload when
 * one of them has already settled (T11). Either way the task's ready callbacks are consumed.
 */
public final class TaskSuspendTransition implements Transition<TaskSuspend> {
  @Override
  public Outcome apply(Step step, TaskSuspend data) {
    LinkedHashSet<String> awaitedIds = new LinkedHashSet<>();
    for (Action<PromiseRegisterCallback> action : data.actions()) {
      awaitedIds.add(action.data().awaited());
    }
    List<String> touchSet = new ArrayList<>();
    touchSet.add(data.id());
    touchSet.addAll(awaitedIds);
    step.settlement().touch(touchSet);

    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (!Fence.holds(task.get(), data.version())) {
      return Outcome.error(409, "Task is not acquired or version mismatch");
    }
    boolean anySettled = false;
    for (String id : awaitedIds) {
      Optional<PromiseRecord> awaited = step.state().promise(id);
      if (awaited.isEmpty()) {
        return Outcome.error(422, "Awaited promise not found");
      }
      anySettled |= awaited.get().state() != PromiseState.PENDING;
    }
    step.tasks().clearReady(data.id());
    if (anySettled) {
      PromiseRecord own = step.state().promise(data.id()).orElseThrow();
      return new Outcome(300, new TaskSuspendResult(step.preload(own)));
    }
    for (String id : awaitedIds) {
      if (step.state().callback(id, data.id()).isEmpty()) {
        step.state().put(new CallbackRow(id, data.id(), false));
      }
    }
    step.tasks().suspend(task.get());
    return Outcome.ok(Empty.INSTANCE);
  }
}
