package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code promise.register_listener}: {@code {promise}}. */
public record PromiseRegisterListenerResult(PromiseRecord promise) implements ResponseData {
  public PromiseRegisterListenerResult {
    Objects.requireNonNull(promise, "promise");
  }
}
