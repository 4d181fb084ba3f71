package dev.sustain.server.core.debug;

import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.Empty;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;

/** {@code debug.reset} (spec §3.20): every row of every table goes. */
public final class DebugResetTransition implements Transition<DebugReset> {
  @Override
  public Outcome apply(Step step, DebugReset data) {
    step.state().reset();
    return Outcome.ok(Empty.INSTANCE);
  }
}
