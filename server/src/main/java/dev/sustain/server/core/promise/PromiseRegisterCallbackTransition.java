package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterCallbackResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.TaskRow;
import java.util.Optional;

/**
 * {@code promise.register_callback} (spec §3.4): task {@code awaiter} waits on {@code awaited}. Allowed on
 * untargeted ("internal") awaited promises (D10).
 */
public final class PromiseRegisterCallbackTransition implements Transition<PromiseRegisterCallback> {
  @Override
  public Outcome apply(Step step, PromiseRegisterCallback data) {
    step.touch(data.awaited(), data.awaiter());
    Optional<PromiseRecord> awaited = step.state().promise(data.awaited());
    if (awaited.isEmpty()) {
      return Outcome.error(404, "Awaited promise not found");
    }
    Optional<PromiseRecord> awaiter = step.state().promise(data.awaiter());
    if (awaiter.isEmpty()) {
      return Outcome.error(422, "Awaiter promise not found");
    }
    if (awaiter.get().tag(Tags.TARGET) == null) {
      return Outcome.error(422, "Awaiter promise has no resonate:target tag");
    }
    TaskRow task =
        step.state()
            .task(data.awaiter())
            .orElseThrow(() -> new IllegalStateException("targeted promise " + data.awaiter() + " has no task"));
    if (awaited.get().state() == PromiseState.PENDING) {
      if (awaiter.get().state() == PromiseState.PENDING
          && step.state().callback(data.awaited(), data.awaiter()).isEmpty()) {
        step.state().put(new CallbackRow(data.awaited(), data.awaiter(), false));
      }
    } else if (task.state() == TaskState.SUSPENDED) {
      // A resume by registration adds no ready callback: resumes counts only cascade firings (spec §2.2).
      step.tasks().dispatch(task);
    } else if (task.state() == TaskState.PENDING || task.state() == TaskState.ACQUIRED) {
      step.state().put(new CallbackRow(data.awaited(), data.awaiter(), true));
    }
    return Outcome.ok(new PromiseRegisterCallbackResult(awaited.get()));
  }
}
