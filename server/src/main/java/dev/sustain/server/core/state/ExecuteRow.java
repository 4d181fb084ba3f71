package dev.sustain.server.core.state;

import java.util.Objects;

/** Outbox: an {@code execute} for task {@code taskId} at {@code version}; at most one per task (newer replaces). */
public record ExecuteRow(String taskId, long version, String address) implements Row {
  public ExecuteRow {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.OUTBOX_EXECUTE, taskId);
  }
}
