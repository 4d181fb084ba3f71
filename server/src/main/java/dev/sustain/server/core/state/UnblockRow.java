package dev.sustain.server.core.state;

import java.util.Objects;

/**
 * Outbox: an {@code unblock} of promise {@code promiseId} for {@code address}; at most one per (promise,
 * address). The payload is the promise's current (settled) record, read at delivery.
 */
public record UnblockRow(String promiseId, String address) implements Row {
  public UnblockRow {
    Objects.requireNonNull(promiseId, "promiseId");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.OUTBOX_UNBLOCK, promiseId, address);
  }
}
