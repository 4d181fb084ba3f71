package dev.sustain.server.core.state;

import java.util.Objects;

/**
 * The primary key of a row: the table and one or two string parts ({@code second} is {@code null} for
 * single-column keys). Callbacks are keyed (awaited, awaiter), listeners and unblocks (promise id, address).
 */
public record RowKey(Table table, String first, String second) {
  public RowKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(first, "first");
  }

  public static RowKey of(Table table, String id) {
    return new RowKey(table, id, null);
  }

  public static RowKey of(Table table, String first, String second) {
    return new RowKey(table, first, second);
  }
}
