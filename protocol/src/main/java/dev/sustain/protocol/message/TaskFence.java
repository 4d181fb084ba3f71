package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Action;

/**
 * {@code task.fence}: run one {@link PromiseCreate} or {@link PromiseSettle} only if the caller still holds the
 * task at {@code version}. The action's data type tells which.
 */
public record TaskFence(String id, long version, Action<? extends RequestData> action) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_FENCE;
  }
}
