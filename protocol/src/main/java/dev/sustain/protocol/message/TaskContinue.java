package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code task.continue}. */
public record TaskContinue(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_CONTINUE;
  }
}
