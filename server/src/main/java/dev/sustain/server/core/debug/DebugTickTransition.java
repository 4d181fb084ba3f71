package dev.sustain.server.core.debug;

import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.DebugTickResult;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.TimeoutPass;
import dev.sustain.server.core.Transition;

/**
 * {@code debug.tick} (spec §3.20): one timeout pass at {@code data.time}, in the same transaction; messages stay
 * queued. The check that {@code resonate:debug_time} equals {@code time} needs the request head and belongs to
 * the caller that has it.
 */
public final class DebugTickTransition implements Transition<DebugTick> {
  private final TimeoutPass pass;

  public DebugTickTransition(TimeoutPass pass) {
    this.pass = pass;
  }

  @Override
  public Outcome apply(Step step, DebugTick data) {
    pass.run(step.state(), data.time());
    return Outcome.ok(DebugTickResult.INSTANCE);
  }
}
