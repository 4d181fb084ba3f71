package dev.sustain.server.store.embedded;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Result rows back to rows of the engine's model, one reader per table, in the column order of
 * {@link SqliteState}'s SELECTs. Stateless.
 */
final class SqliteRows {
  private SqliteRows() {}

  static PromiseRecord promise(ResultSet rs) throws SQLException {
    return new PromiseRecord(
        rs.getString(1),
        PromiseState.fromWire(rs.getString(2))
            .orElseThrow(() -> new IllegalStateException("stored promise state is unknown")),
        value(rs.getString(3), rs.getString(4)),
        value(rs.getString(5), rs.getString(6)),
        JsonColumns.decode(rs.getString(7)),
        rs.getLong(8),
        rs.getLong(9),
        nullableLong(rs, 10));
  }

  static TaskRow task(ResultSet rs) throws SQLException {
    return new TaskRow(
        rs.getString(1),
        TaskState.fromWire(rs.getString(2))
            .orElseThrow(() -> new IllegalStateException("stored task state is unknown")),
        rs.getLong(3),
        nullableLong(rs, 4),
        rs.getString(5),
        nullableLong(rs, 6));
  }

  static ScheduleRecord schedule(ResultSet rs) throws SQLException {
    return new ScheduleRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        value(rs.getString(5), rs.getString(6)),
        JsonColumns.decode(rs.getString(7)),
        rs.getLong(8),
        rs.getLong(9),
        nullableLong(rs, 10));
  }

  static CallbackRow callback(ResultSet rs) throws SQLException {
    return new CallbackRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0);
  }

  static ListenerRow listener(ResultSet rs) throws SQLException {
    return new ListenerRow(rs.getString(1), rs.getString(2));
  }

  static ExecuteRow execute(ResultSet rs) throws SQLException {
    return new ExecuteRow(rs.getString(1), rs.getLong(2), rs.getString(3));
  }

  static UnblockRow unblock(ResultSet rs) throws SQLException {
    return new UnblockRow(rs.getString(1), rs.getString(2));
  }

  /** Both columns NULL is the absent value; otherwise each member keeps its own absence. */
  private static Value value(String headers, String data) {
    return headers == null && data == null ? Value.EMPTY : new Value(JsonColumns.decode(headers), data);
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
