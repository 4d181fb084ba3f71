package dev.sustain.protocol.envelope;

import dev.sustain.protocol.message.RequestData;
import java.util.Objects;

/**
 * A nested request envelope carried inside {@code task.create}, {@code task.fulfill}, {@code task.suspend} and
 * {@code task.fence}. Its {@code kind} is kept as sent (the server does not check it except in
 * {@code task.fence}); its {@code head} is optional.
 */
public record Action<D extends RequestData>(String kind, RequestHead head, D data) {
  public Action {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
  }

  public static <D extends RequestData> Action<D> of(D data, RequestHead head) {
    return new Action<>(data.kind().wire(), head, data);
  }
}
