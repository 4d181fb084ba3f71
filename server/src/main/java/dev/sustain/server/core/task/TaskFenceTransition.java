package dev.sustain.server.core.task;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.envelope.ResponseHead;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFenceResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.promise.PromiseCreateTransition;
import dev.sustain.server.core.promise.PromiseSettleTransition;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/**
 * {@code task.fence} (spec §3.13): runs a {@code promise.create} or {@code promise.settle} exactly as the
 * standalone kind would, but only while the caller holds the task. The fence check (404/409) comes before the
 * inner action, as in the oracle; the inner action's data was validated before the engine ran. The inner
 * response echoes the outer {@code corrId}; the preload is computed after the action.
 */
public final class TaskFenceTransition implements Transition<TaskFence> {
  private final PromiseCreateTransition create;
  private final PromiseSettleTransition settle;

  public TaskFenceTransition(PromiseCreateTransition create, PromiseSettleTransition settle) {
    this.create = create;
    this.settle = settle;
  }

  @Override
  public Outcome apply(Step step, TaskFence data) {
    RequestData inner = data.action().data();
    step.touch(data.id(), innerId(inner));
    Optional<TaskRow> task = step.state().task(data.id());
    if (task.isEmpty()) {
      return Outcome.error(404, "Task not found");
    }
    if (!Fence.holds(task.get(), data.version())) {
      return Outcome.error(409, "Version mismatch");
    }
    Outcome outcome =
        inner instanceof PromiseCreate c ? create.apply(step, c) : settle.apply(step, (PromiseSettle) inner);
    Response<?> action =
        new Response<>(
            data.action().kind(),
            new ResponseHead(step.corrId(), outcome.status(), ProtocolVersion.CURRENT),
            outcome.data());
    PromiseRecord own = step.state().promise(data.id()).orElseThrow();
    return Outcome.ok(new TaskFenceResult(action, step.preload(own)));
  }

  private static String innerId(RequestData inner) {
    if (inner instanceof PromiseCreate c) {
      return c.id();
    }
    if (inner instanceof PromiseSettle s) {
      return s.id();
    }
    throw new IllegalArgumentException(
        "task.fence action must be promise.create or promise.settle, was " + inner.kind());
  }
}
