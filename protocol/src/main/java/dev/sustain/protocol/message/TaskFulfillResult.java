package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** 200 {@code data} of {@code task.fulfill}: {@code {promise}}. */
public record TaskFulfillResult(PromiseRecord promise) implements ResponseData {
  public TaskFulfillResult {
    Objects.requireNonNull(promise, "promise");
  }
}
