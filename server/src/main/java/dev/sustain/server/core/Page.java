package dev.sustain.server.core;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a search (spec §3.6): searches fetch {@code limit + 1} rows so that the presence of the extra row
 * tells whether a {@code cursor} (the id of the last returned row) is due.
 */
public record Page<T>(List<T> items, String cursor) {

  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive (validation lets no other through), was " + limit);
    }
    if (fetched.size() <= limit) {
      return new Page<>(List.copyOf(fetched), null);
    }
    List<T> items = List.copyOf(fetched.subList(0, limit));
    return new Page<>(items, id.apply(items.get(limit - 1)));
  }
}
