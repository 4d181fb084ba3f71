package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Action;

/** {@code task.create}: create a promise and its task already acquired by {@code pid}. */
public record TaskCreate(String pid, long ttl, Action<PromiseCreate> action) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_CREATE;
  }
}
