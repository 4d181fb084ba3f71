package dev.sustain.server.store.postgres;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.ScheduleRow;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row mapping between the engine's row model and the PostgreSQL tables of {@link PgSchema}: table names, selected
 * column lists (JSONB read as text), key columns, and decoding. Encoding for writes lives in {@link PgWrites}.
 *
 * <p>Stateless.
 */
final class PgRows {

  private PgRows() {}

  static String name(Table table) {
    return switch (table) {
      case PROMISES -> "promises";
      case TASKS -> "tasks";
      case CALLBACKS -> "callbacks";
      case LISTENERS -> "listeners";
      case SCHEDULES -> "schedules";
      case OUTBOX_EXECUTE -> "outbox_execute";
      case OUTBOX_UNBLOCK -> "outbox_unblock";
    };
  }

  /** The key columns: one, or two for the pair-keyed tables. */
  static String[] keyColumns(Table table) {
    return switch (table) {
      case PROMISES, TASKS, SCHEDULES -> new String[] {"id"};
      case OUTBOX_EXECUTE -> new String[] {"task_id"};
      case CALLBACKS -> new String[] {"awaited", "awaiter"};
      case LISTENERS, OUTBOX_UNBLOCK -> new String[] {"promise_id", "address"};
    };
  }

  static String orderByKey(Table table) {
    return String.join(", ", keyColumns(table));
  }

  /** The select list {@link #decode} expects, in order. */
  static String columns(Table table) {
    return switch (table) {
      case PROMISES ->
          "id, state, param_headers::text, param_data, value_headers::text, value_data, tags::text, timeout_at,"
              + " created_at, settled_at";
      case TASKS -> "id, state, version, timer_at, pid, ttl";
      case CALLBACKS -> "awaited, awaiter, ready";
      case LISTENERS, OUTBOX_UNBLOCK -> "promise_id, address";
      case SCHEDULES ->
          "id, cron, promise_id, promise_timeout, param_headers::text, param_data, promise_tags::text, created_at,"
              + " next_run_at, last_run_at";
      case OUTBOX_EXECUTE -> "task_id, version, address";
    };
  }

  static Row decode(Table table, io.vertx.sqlclient.Row r) {
    return switch (table) {
      case PROMISES ->
          new PromiseRow(
              new PromiseRecord(
                  r.getString(0),
                  promiseState(r.getString(1)),
                  value(r.getString(2), r.getString(3)),
                  value(r.getString(4), r.getString(5)),
                  map(r.getString(6)),
                  r.getLong(7),
                  r.getLong(8),
                  r.getLong(9)));
      case TASKS ->
          new TaskRow(r.getString(0), taskState(r.getString(1)), r.getLong(2), r.getLong(3), r.getString(4),
              r.getLong(5));
      case CALLBACKS -> new CallbackRow(r.getString(0), r.getString(1), r.getBoolean(2));
      case LISTENERS -> new ListenerRow(r.getString(0), r.getString(1));
      case SCHEDULES ->
          new ScheduleRow(
              new ScheduleRecord(
                  r.getString(0),
                  r.getString(1),
                  r.getString(2),
                  r.getLong(3),
                  value(r.getString(4), r.getString(5)),
                  map(r.getString(6)),
                  r.getLong(7),
                  r.getLong(8),
                  r.getLong(9)));
      case OUTBOX_EXECUTE -> new ExecuteRow(r.getString(0), r.getLong(1), r.getString(2));
      case OUTBOX_UNBLOCK -> new UnblockRow(r.getString(0), r.getString(1));
    };
  }

  /**
   * Statement parameters, one per value. Not {@code Tuple.of}: its varargs overload is more specific for array
   * arguments and would spread a second array into separate parameters.
   */
  static io.vertx.sqlclient.Tuple params(Object... values) {
    io.vertx.sqlclient.Tuple t = io.vertx.sqlclient.Tuple.tuple();
    for (Object v : values) {
      t.addValue(v);
    }
    return t;
  }

  // ---- column codecs

  static PromiseState promiseState(String wire) {
    return PromiseState.fromWire(wire).orElseThrow(() -> new IllegalStateException("bad promise state " + wire));
  }

  static TaskState taskState(String wire) {
    return TaskState.fromWire(wire).orElseThrow(() -> new IllegalStateException("bad task state " + wire));
  }

  /** Headers JSON (or null when not supplied) and data: a {@link Value}. */
  static Value value(String headersJson, String data) {
    if (headersJson == null && data == null) {
      return Value.EMPTY;
    }
    return new Value(headersJson == null ? null : map(headersJson), data);
  }

  static Map<String, String> map(String json) {
    JsonObject o = new JsonObject(json);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) {
      out.put(e.getKey(), String.valueOf(e.getValue()));
    }
    return out;
  }

  /** A string map as JSON text; {@code null} stays {@code null} (headers not supplied). */
  static String json(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    return new JsonObject(new LinkedHashMap<String, Object>(map)).encode();
  }
}
