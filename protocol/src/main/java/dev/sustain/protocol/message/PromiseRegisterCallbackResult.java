package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code promise.register_callback}: {@code {promise}}. */
public record PromiseRegisterCallbackResult(PromiseRecord promise) implements ResponseData {
  public PromiseRegisterCallbackResult {
    Objects.requireNonNull(promise, "promise");
  }
}
