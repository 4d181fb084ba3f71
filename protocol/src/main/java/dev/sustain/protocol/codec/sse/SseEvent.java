package dev.sustain.protocol.codec.sse;

import java.util.Objects;

/**
 * One dispatched {@code text/event-stream} event.
 *
 * @param type the {@code event:} field, {@code "message"} when absent
 * @param data the {@code data:} lines joined with {@code \n}
 * @param lastEventId the stream's last event id at dispatch time, {@code ""} if none was ever sent
 */
public record SseEvent(String type, String data, String lastEventId) {
  /** The type of events without an {@code event:} field: the only one the SDK listens to. */
  public static final String MESSAGE = "message";

  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(lastEventId, "lastEventId");
  }
}
