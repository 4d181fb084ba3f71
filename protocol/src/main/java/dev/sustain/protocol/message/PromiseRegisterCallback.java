package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code promise.register_callback}: task {@code awaiter} waits for promise {@code awaited}. */
public record PromiseRegisterCallback(String awaited, String awaiter) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.PROMISE_REGISTER_CALLBACK;
  }
}
