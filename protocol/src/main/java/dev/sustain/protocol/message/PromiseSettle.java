package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;

/** {@code promise.settle}; also the action of {@code task.fulfill} and a {@code task.fence} action. */
public record PromiseSettle(String id, SettleState state, Value value) implements RequestData {
  public PromiseSettle {
    value = value == null ? Value.EMPTY : value;
  }

  @Override
  public Kind kind() {
    return Kind.PROMISE_SETTLE;
  }
}
