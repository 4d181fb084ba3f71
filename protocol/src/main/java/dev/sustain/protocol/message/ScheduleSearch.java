package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import java.util.Map;

/** {@code schedule.search}; every field optional ({@code null} = absent). */
public record ScheduleSearch(Map<String, String> tags, Integer limit, String cursor) implements RequestData {
  public static final int DEFAULT_LIMIT = 10;

  public ScheduleSearch {
    tags = tags == null ? null : Map.copyOf(tags);
  }

  @Override
  public Kind kind() {
    return Kind.SCHEDULE_SEARCH;
  }
}
