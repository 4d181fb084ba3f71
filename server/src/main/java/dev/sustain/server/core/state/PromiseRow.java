package dev.sustain.server.core.state;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** A promise. While it is pending it is armed: it times out at {@code timeoutAt} (spec D3). */
public record PromiseRow(PromiseRecord promise) implements Row {
  public PromiseRow {
    Objects.requireNonNull(promise, "promise");
  }

  public String id() {
    return promise.id();
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.PROMISES, promise.id());
  }
}
