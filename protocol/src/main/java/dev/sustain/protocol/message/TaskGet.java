package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code task.get}. */
public record TaskGet(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_GET;
  }
}
