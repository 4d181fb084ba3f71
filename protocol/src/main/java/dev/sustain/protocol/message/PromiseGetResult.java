package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code promise.get}: {@code {promise}}. */
public record PromiseGetResult(PromiseRecord promise) implements ResponseData {
  public PromiseGetResult {
    Objects.requireNonNull(promise, "promise");
  }
}
