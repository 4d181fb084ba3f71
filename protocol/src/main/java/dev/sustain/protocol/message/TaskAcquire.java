package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code task.acquire}. */
public record TaskAcquire(String id, long version, String pid, long ttl) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.TASK_ACQUIRE;
  }
}
