package dev.sustain.server.core.state;

/** One stored row of a {@link Table}. Rows are immutable values; a change replaces the whole row. */
public sealed interface Row
    permits PromiseRow, TaskRow, CallbackRow, ListenerRow, ScheduleRow, ExecuteRow, UnblockRow {
  RowKey key();
}
