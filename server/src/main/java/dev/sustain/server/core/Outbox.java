package dev.sustain.server.core;

import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.UnblockRow;

/**
 * Outbox upserts (spec §4.4): at most one execute per task, the newer replacing the queued one, and at most one
 * unblock per (promise, address). Rows are written with the state change that causes them.
 */
public final class Outbox {
  private final Step step;

  Outbox(Step step) {
    this.step = step;
  }

  public void execute(String taskId, long version, String address) {
    step.state().put(new ExecuteRow(taskId, version, address));
  }

  public void unblock(String promiseId, String address) {
    step.state().put(new UnblockRow(promiseId, address));
  }
}
