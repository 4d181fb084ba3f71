package dev.sustain.server.core.state;

import java.util.Objects;

/** Task {@code awaiter} waits on promise {@code awaited}; {@code ready} once {@code awaited} has settled. */
public record CallbackRow(String awaited, String awaiter, boolean ready) implements Row {
  public CallbackRow {
    Objects.requireNonNull(awaited, "awaited");
    Objects.requireNonNull(awaiter, "awaiter");
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.CALLBACKS, awaited, awaiter);
  }
}
