package dev.sustain.protocol.model;

import java.util.Map;
import java.util.Objects;

/** A schedule as it appears on the wire; {@code lastRunAt} is {@code null} (omitted) before the first firing. */
public record ScheduleRecord(
    String id,
    String cron,
    String promiseId,
    long promiseTimeout,
    Value promiseParam,
    Map<String, String> promiseTags,
    long createdAt,
    long nextRunAt,
    Long lastRunAt) {

  public ScheduleRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(promiseId, "promiseId");
    promiseParam = promiseParam == null ? Value.EMPTY : promiseParam;
    promiseTags = promiseTags == null ? Map.of() : Map.copyOf(promiseTags);
  }
}
