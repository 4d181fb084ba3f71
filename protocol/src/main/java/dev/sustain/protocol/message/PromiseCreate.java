package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.model.Value;
import java.util.Map;

/** {@code promise.create}; also the action of {@code task.create} and a {@code task.fence} action. */
public record PromiseCreate(String id, long timeoutAt, Value param, Map<String, String> tags)
    implements RequestData {
  public PromiseCreate {
    param = param == null ? Value.EMPTY : param;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  @Override
  public Kind kind() {
    return Kind.PROMISE_CREATE;
  }
}
