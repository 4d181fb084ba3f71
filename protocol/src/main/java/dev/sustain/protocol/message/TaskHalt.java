package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code task.halt}. */
public record TaskHalt(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_HALT;
  }
}
