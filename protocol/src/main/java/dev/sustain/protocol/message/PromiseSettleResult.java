package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code promise.settle}: {@code {promise}}. */
public record PromiseSettleResult(PromiseRecord promise) implements ResponseData {
  public PromiseSettleResult {
    Objects.requireNonNull(promise, "promise");
  }
}
