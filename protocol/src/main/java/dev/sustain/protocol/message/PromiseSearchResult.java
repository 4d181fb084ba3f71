package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.List;

/** 200 {@code data} of {@code promise.search}; {@code cursor} is {@code null} (omitted) when no more records. */
public record PromiseSearchResult(List<PromiseRecord> promises, String cursor) implements ResponseData {
  public PromiseSearchResult {
    promises = List.copyOf(promises);
  }
}
