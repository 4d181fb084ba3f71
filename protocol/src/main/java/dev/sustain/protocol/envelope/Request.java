package dev.sustain.protocol.envelope;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.message.RequestData;
import java.util.Objects;

/** A decoded request envelope: {@code {kind, head, data}}. The kind always matches {@code data.kind()}. */
public record Request<D extends RequestData>(RequestHead head, D data) {
  public Request {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(data, "data");
  }

  public Kind kind() {
    return data.kind();
  }
}
