package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code task.release}. */
public record TaskRelease(String id, long version) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_RELEASE;
  }
}
