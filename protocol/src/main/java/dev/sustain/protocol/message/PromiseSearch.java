package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.model.PromiseState;
import java.util.Map;

/** {@code promise.search}; every field optional ({@code null} = absent). */
public record PromiseSearch(PromiseState state, Map<String, String> tags, Integer limit, String cursor)
    implements RequestData {
  public static final int DEFAULT_LIMIT = 100;

  public PromiseSearch {
    tags = tags == null ? null : Map.copyOf(tags);
  }

  @Override
  public Kind kind() {
    return Kind.PROMISE_SEARCH;
  }
}
