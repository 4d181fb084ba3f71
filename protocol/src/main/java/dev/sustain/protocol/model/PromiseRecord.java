package dev.sustain.protocol.model;

import java.util.Map;
import java.util.Objects;

/**
 * A durable promise as it appears on the wire. {@code settledAt} is {@code null} while pending and then
 * omitted from the JSON.
 */
public record PromiseRecord(
    String id,
    PromiseState state,
    Value param,
    Value value,
    Map<String, String> tags,
    long timeoutAt,
    long createdAt,
    Long settledAt) {

  public PromiseRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    param = param == null ? Value.EMPTY : param;
    value = value == null ? Value.EMPTY : value;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public String tag(String key) {
    return tags.get(key);
  }
}
