package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.model.Value;
import java.util.Map;

/** {@code schedule.create}. {@code promiseId} is a template with {@code {{.id}}} and {{.timestamp}}. */
public record ScheduleCreate(
    String id,
    String cron,
    String promiseId,
    long promiseTimeout,
    Value promiseParam,
    Map<String, String> promiseTags)
    implements RequestData {
  public ScheduleCreate {
    promiseParam = promiseParam == null ? Value.EMPTY : promiseParam;
    promiseTags = promiseTags == null ? Map.of() : Map.copyOf(promiseTags);
  }

  @Override
  public Kind kind() {
    return Kind.SCHEDULE_CREATE;
  }
}
