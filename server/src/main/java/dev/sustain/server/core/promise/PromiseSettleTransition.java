package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import java.util.Optional;

/**
 * {@code promise.settle} (spec §3.3), also the fenced settle of {@code task.fence}. Touch runs first, so a
 * promise past its deadline answers with its timeout state ("timeout wins"); a settled promise is returned
 * unchanged whatever the request asks.
 */
public final class PromiseSettleTransition implements Transition<PromiseSettle> {
  @Override
  public Outcome apply(Step step, PromiseSettle data) {
    step.touch(data.id());
    Optional<PromiseRecord> found = step.state().promise(data.id());
    if (found.isEmpty()) {
      return Outcome.error(404, "Promise not found");
    }
    PromiseRecord promise = found.get();
    if (promise.state() == PromiseState.PENDING) {
      promise = step.settlement().settle(promise, data.state().promiseState(), data.value());
    }
    return Outcome.ok(new PromiseSettleResult(promise));
  }
}
