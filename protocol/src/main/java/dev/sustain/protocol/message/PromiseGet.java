package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code promise.get}. */
public record PromiseGet(String id) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.PROMISE_GET;
  }
}
