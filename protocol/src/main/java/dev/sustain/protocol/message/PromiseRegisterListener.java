package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code promise.register_listener}: send an {@code unblock} to {@code address} when {@code awaited} settles. */
public record PromiseRegisterListener(String awaited, String address) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.PROMISE_REGISTER_LISTENER;
  }
}
