package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseRegisterListenerResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.ListenerRow;
import java.util.Optional;

/**
 * {@code promise.register_listener} (spec §3.5). On a settled promise nothing is stored and no unblock is
 * queued: the caller learns the result from the response.
 */
public final class PromiseRegisterListenerTransition implements Transition<PromiseRegisterListener> {
  @Override
  public Outcome apply(Step step, PromiseRegisterListener data) {
    step.touch(data.awaited());
    Optional<PromiseRecord> awaited = step.state().promise(data.awaited());
    if (awaited.isEmpty()) {
      return Outcome.error(404, "Awaited promise not found");
    }
    if (awaited.get().state() == PromiseState.PENDING) {
      step.state().put(new ListenerRow(data.awaited(), data.address()));
    }
    return Outcome.ok(new PromiseRegisterListenerResult(awaited.get()));
  }
}
