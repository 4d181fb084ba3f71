package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code promise.create}: {@code {promise}}. */
public record PromiseCreateResult(PromiseRecord promise) implements ResponseData {
  public PromiseCreateResult {
    Objects.requireNonNull(promise, "promise");
  }
}
