package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;

/**
 * {@code promise.create} (spec §3.2), also the fenced create of {@code task.fence}: idempotent by id only, the
 * request's param, tags and timeout are ignored when the promise exists.
 */
public final class PromiseCreateTransition implements Transition<PromiseCreate> {
  @Override
  public Outcome apply(Step step, PromiseCreate data) {
    step.touch(data.id());
    PromiseRecord promise =
        step.state()
            .promise(data.id())
            .orElseGet(
                () ->
                    step.creation()
                        .insert(data.id(), data.timeoutAt(), data.param(), data.tags(), step.now(), null));
    return Outcome.ok(new PromiseCreateResult(promise));
  }
}
