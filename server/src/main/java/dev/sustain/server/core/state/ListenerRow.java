package dev.sustain.server.core.state;

import java.util.Objects;

/** Send an {@code unblock} to {@code address} when promise {@code promiseId} settles. */
public record ListenerRow(String promiseId, String address) implements Row {
  public ListenerRow {
    Objects.requireNonNull(promiseId, "promiseId");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.LISTENERS, promiseId, address);
  }
}
