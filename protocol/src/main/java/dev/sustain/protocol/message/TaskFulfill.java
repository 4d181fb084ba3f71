package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Action;

/** {@code task.fulfill}: settle the task's own promise and complete the task. */
public record TaskFulfill(String id, long version, Action<PromiseSettle> action) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_FULFILL;
  }
}
