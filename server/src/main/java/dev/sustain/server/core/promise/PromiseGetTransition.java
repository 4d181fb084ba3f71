package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;

/** {@code promise.get} (spec §3.1). */
public final class PromiseGetTransition implements Transition<PromiseGet> {
  @Override
  public Outcome apply(Step step, PromiseGet data) {
    step.touch(data.id());
    return step.state()
        .promise(data.id())
        .map(p -> Outcome.ok(new PromiseGetResult(p)))
        .orElseGet(() -> Outcome.error(404, "Promise not found"));
  }
}
