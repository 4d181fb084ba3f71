package dev.sustain.server.store.embedded;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ChangeSet;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.ScheduleRow;
import dev.sustain.server.core.state.State;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link State} over one SQLite connection whose schema {@link SqliteSchema} has migrated. Reads are cached
 * prepared statements; writes go to the database at once (write-through), inside whatever transaction the
 * caller has open, so later reads of the same request and batch see them, and a savepoint rollback undoes them.
 * Every write is also recorded in {@link #changes()}.
 *
 * <p>The JDBC plumbing is {@link SqliteStatements}, the row mapping {@link SqliteRows}. Holds no row cache:
 * after a rollback the caller only has to clear {@link #changes()}.
 *
 * <p>Ids are TEXT with SQLite's BINARY collation, i.e. compared as UTF-8 bytes (code point order).
 *
 * <p>Confined to the thread that owns the connection.
 */
public final class SqliteState implements State {
  private static final String PROMISE_COLUMNS =
      "id, state, param_headers, param_data, value_headers, value_data, tags, timeout_at, created_at, settled_at";
  private static final String TASK_COLUMNS = "id, state, version, timer_at, pid, ttl";
  private static final String SCHEDULE_COLUMNS =
      "id, cron, promise_id, promise_timeout, param_headers, param_data, promise_tags, created_at, next_run_at,"
          + " last_run_at";

  // A promise matches when no filter entry lacks an equal (key, value) pair among its tags. json_each compares
  // keys as plain strings, which a JSON path built from an arbitrary key could not do safely.
  private static final String TAGS_CONTAIN =
      " AND NOT EXISTS (SELECT 1 FROM json_each(?) f WHERE NOT EXISTS"
          + " (SELECT 1 FROM json_each(%s) t WHERE t.key = f.key AND t.value = f.value))";

  private final SqliteStatements sql;
  private final ChangeSet changes = new ChangeSet();
  private long outboxSeq;

  /** Wraps a connection whose schema is current; reads the outbox sequence so new messages sort after old. */
  public SqliteState(Connection connection) {
    this.sql = new SqliteStatements(connection);
    this.outboxSeq =
        sql.queryLong(
            "SELECT max(coalesce((SELECT max(seq) FROM outbox_execute), 0),"
                + " coalesce((SELECT max(seq) FROM outbox_unblock), 0))");
  }

  // ---- keyed reads

  @Override
  public Optional<PromiseRecord> promise(String id) {
    return sql.one("SELECT " + PROMISE_COLUMNS + " FROM promises WHERE id = ?", SqliteRows::promise, id);
  }

  @Override
  public Optional<TaskRow> task(String id) {
    return sql.one("SELECT " + TASK_COLUMNS + " FROM tasks WHERE id = ?", SqliteRows::task, id);
  }

  @Override
  public Optional<CallbackRow> callback(String awaited, String awaiter) {
    return sql.one(
        "SELECT awaited, awaiter, ready FROM callbacks WHERE awaited = ? AND awaiter = ?",
        SqliteRows::callback,
        awaited,
        awaiter);
  }

  @Override
  public Optional<ScheduleRecord> schedule(String id) {
    return sql.one("SELECT " + SCHEDULE_COLUMNS + " FROM schedules WHERE id = ?", SqliteRows::schedule, id);
  }

  @Override
  public Optional<ExecuteRow> execute(String taskId) {
    return sql.one(
        "SELECT task_id, version, address FROM outbox_execute WHERE task_id = ?", SqliteRows::execute, taskId);
  }

  // ---- indexed reads

  @Override
  public List<CallbackRow> callbacksOnAwaited(String awaited) {
    return sql.list(
        "SELECT awaited, awaiter, ready FROM callbacks WHERE awaited = ? ORDER BY awaiter",
        SqliteRows::callback,
        awaited);
  }

  @Override
  public List<CallbackRow> callbacksOfAwaiter(String awaiter) {
    return sql.list(
        "SELECT awaited, awaiter, ready FROM callbacks INDEXED BY callbacks_awaiter WHERE awaiter = ?"
            + " ORDER BY awaited",
        SqliteRows::callback,
        awaiter);
  }

  @Override
  public List<ListenerRow> listeners(String promiseId) {
    return sql.list(
        "SELECT promise_id, address FROM listeners WHERE promise_id = ? ORDER BY address",
        SqliteRows::listener,
        promiseId);
  }

  @Override
  public List<PromiseRecord> promisesByBranch(String branch) {
    return sql.list(
        "SELECT " + PROMISE_COLUMNS + " FROM promises INDEXED BY promises_branch WHERE branch = ? ORDER BY id",
        SqliteRows::promise,
        branch);
  }

  @Override
  public List<TaskRow> tasksHeldBy(String pid) {
    return sql.list(
        "SELECT " + TASK_COLUMNS + " FROM tasks INDEXED BY tasks_pid WHERE pid = ? AND state = 'acquired'"
            + " ORDER BY id",
        SqliteRows::task,
        pid);
  }

  @Override
  public List<PromiseRecord> promisesDue(long now, int limit) {
    return sql.list(
        "SELECT " + PROMISE_COLUMNS + " FROM promises INDEXED BY promises_pending_timeout"
            + " WHERE state = 'pending' AND timeout_at <= ?"
            + " ORDER BY timeout_at, id LIMIT ?",
        SqliteRows::promise,
        now,
        rows(limit));
  }

  @Override
  public List<TaskRow> tasksDue(long now, int limit) {
    return sql.list(
        "SELECT " + TASK_COLUMNS + " FROM tasks INDEXED BY tasks_timer WHERE timer_at <= ?"
            + " ORDER BY timer_at, id LIMIT ?",
        SqliteRows::task,
        now,
        rows(limit));
  }

  @Override
  public List<ScheduleRecord> schedulesDue(long now, int limit) {
    return sql.list(
        "SELECT " + SCHEDULE_COLUMNS + " FROM schedules INDEXED BY schedules_next_run WHERE next_run_at <= ?"
            + " ORDER BY next_run_at, id LIMIT ?",
        SqliteRows::schedule,
        now,
        rows(limit));
  }

  @Override
  public long nextDeadline() {
    // Each ORDER BY ... LIMIT 1 is one index seek; a bare min() over a partial index may scan.
    // INDEXED BY here and in the due/holder queries: without statistics the planner prefers the (state, id)
    // index and sorts every pending row, which a timer pass over a large table cannot afford.
    return sql.queryLong(
        "SELECT min(coalesce((SELECT timeout_at FROM promises INDEXED BY promises_pending_timeout"
            + " WHERE state = 'pending'"
            + " ORDER BY timeout_at LIMIT 1), " + Long.MAX_VALUE + "),"
            + " coalesce((SELECT timer_at FROM tasks WHERE timer_at IS NOT NULL ORDER BY timer_at LIMIT 1), "
            + Long.MAX_VALUE + "),"
            + " coalesce((SELECT next_run_at FROM schedules ORDER BY next_run_at LIMIT 1), "
            + Long.MAX_VALUE + "))");
  }

  // ---- searches

  @Override
  public List<PromiseRecord> searchPromises(
      PromiseState state, Map<String, String> tags, String cursor, int limit) {
    StringBuilder query = new StringBuilder("SELECT " + PROMISE_COLUMNS + " FROM promises p WHERE 1 = 1");
    List<Object> args = new ArrayList<>(4);
    if (state != null) {
      query.append(" AND state = ?");
      args.add(state.wire());
    }
    if (cursor != null) {
      query.append(" AND id > ?");
      args.add(cursor);
    }
    if (tags != null && !tags.isEmpty()) {
      query.append(String.format(TAGS_CONTAIN, "p.tags"));
      args.add(JsonColumns.encode(tags));
    }
    query.append(" ORDER BY id LIMIT ?");
    args.add(rows(limit));
    return sql.list(query.toString(), SqliteRows::promise, args.toArray());
  }

  @Override
  public List<TaskRow> searchTasks(TaskState state, String cursor, int limit) {
    StringBuilder query = new StringBuilder("SELECT " + TASK_COLUMNS + " FROM tasks WHERE 1 = 1");
    List<Object> args = new ArrayList<>(3);
    if (state != null) {
      query.append(" AND state = ?");
      args.add(state.wire());
    }
    if (cursor != null) {
      query.append(" AND id > ?");
      args.add(cursor);
    }
    query.append(" ORDER BY id LIMIT ?");
    args.add(rows(limit));
    return sql.list(query.toString(), SqliteRows::task, args.toArray());
  }

  @Override
  public List<ScheduleRecord> searchSchedules(Map<String, String> tags, String cursor, int limit) {
    StringBuilder query = new StringBuilder("SELECT " + SCHEDULE_COLUMNS + " FROM schedules s WHERE 1 = 1");
    List<Object> args = new ArrayList<>(3);
    if (cursor != null) {
      query.append(" AND id > ?");
      args.add(cursor);
    }
    if (tags != null && !tags.isEmpty()) {
      query.append(String.format(TAGS_CONTAIN, "s.promise_tags"));
      args.add(JsonColumns.encode(tags));
    }
    query.append(" ORDER BY id LIMIT ?");
    args.add(rows(limit));
    return sql.list(query.toString(), SqliteRows::schedule, args.toArray());
  }

  @Override
  public List<Row> rows(Table table) {
    switch (table) {
      case PROMISES:
        return sql.list(
            "SELECT " + PROMISE_COLUMNS + " FROM promises ORDER BY id", rs -> new PromiseRow(SqliteRows.promise(rs)));
      case TASKS:
        return sql.list("SELECT " + TASK_COLUMNS + " FROM tasks ORDER BY id", SqliteRows::task);
      case CALLBACKS:
        return sql.list(
            "SELECT awaited, awaiter, ready FROM callbacks ORDER BY awaited, awaiter", SqliteRows::callback);
      case LISTENERS:
        return sql.list(
            "SELECT promise_id, address FROM listeners ORDER BY promise_id, address", SqliteRows::listener);
      case SCHEDULES:
        return sql.list(
            "SELECT " + SCHEDULE_COLUMNS + " FROM schedules ORDER BY id",
            rs -> new ScheduleRow(SqliteRows.schedule(rs)));
      case OUTBOX_EXECUTE:
        return sql.list("SELECT task_id, version, address FROM outbox_execute ORDER BY task_id", SqliteRows::execute);
      case OUTBOX_UNBLOCK:
        return sql.list(
            "SELECT promise_id, address FROM outbox_unblock ORDER BY promise_id, address", SqliteRows::unblock);
      default:
        throw new IllegalArgumentException("unknown table " + table);
    }
  }

  /**
   * The outbox, oldest first (a replaced execute counts as new), at most {@code limit}: {@link ExecuteRow}s and
   * {@link UnblockRow}s. Not part of {@link State}: only the store's redelivery path needs the order.
   */
  public List<Row> outbox(int limit) {
    return sql.list(
        "SELECT 0, task_id, version, address, seq FROM outbox_execute"
            + " UNION ALL SELECT 1, promise_id, 0, address, seq FROM outbox_unblock ORDER BY 5 LIMIT ?",
        rs ->
            rs.getInt(1) == 0
                ? new ExecuteRow(rs.getString(2), rs.getLong(3), rs.getString(4))
                : new UnblockRow(rs.getString(2), rs.getString(4)),
        rows(limit));
  }

  // ---- writes

  @Override
  public void put(Row row) {
    if (row instanceof PromiseRow) {
      putPromise(((PromiseRow) row).promise());
    } else if (row instanceof TaskRow) {
      TaskRow t = (TaskRow) row;
      sql.update(
          "INSERT INTO tasks (" + TASK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
              + " state = excluded.state, version = excluded.version, timer_at = excluded.timer_at,"
              + " pid = excluded.pid, ttl = excluded.ttl",
          t.id(), t.state().wire(), t.version(), t.timerAt(), t.pid(), t.ttl());
    } else if (row instanceof CallbackRow) {
      CallbackRow c = (CallbackRow) row;
      sql.update(
          "INSERT INTO callbacks (awaited, awaiter, ready) VALUES (?, ?, ?)"
              + " ON CONFLICT (awaited, awaiter) DO UPDATE SET ready = excluded.ready",
          c.awaited(), c.awaiter(), c.ready() ? 1 : 0);
    } else if (row instanceof ListenerRow) {
      ListenerRow l = (ListenerRow) row;
      sql.update("INSERT OR IGNORE INTO listeners (promise_id, address) VALUES (?, ?)", l.promiseId(), l.address());
    } else if (row instanceof ScheduleRow) {
      putSchedule(((ScheduleRow) row).schedule());
    } else if (row instanceof ExecuteRow) {
      ExecuteRow e = (ExecuteRow) row;
      sql.update(
          "INSERT INTO outbox_execute (task_id, version, address, seq) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (task_id) DO UPDATE SET version = excluded.version, address = excluded.address,"
              + " seq = excluded.seq",
          e.taskId(), e.version(), e.address(), ++outboxSeq);
    } else if (row instanceof UnblockRow) {
      UnblockRow u = (UnblockRow) row;
      sql.update(
          "INSERT INTO outbox_unblock (promise_id, address, seq) VALUES (?, ?, ?)"
              + " ON CONFLICT (promise_id, address) DO UPDATE SET seq = excluded.seq",
          u.promiseId(), u.address(), ++outboxSeq);
    } else {
      throw new IllegalArgumentException("unknown row type " + row.getClass().getName());
    }
    changes.put(row);
  }

  private void putPromise(PromiseRecord p) {
    sql.update(
        "INSERT INTO promises (" + PROMISE_COLUMNS + ", branch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
            + " param_headers = excluded.param_headers, param_data = excluded.param_data,"
            + " value_headers = excluded.value_headers, value_data = excluded.value_data,"
            + " tags = excluded.tags, timeout_at = excluded.timeout_at, created_at = excluded.created_at,"
            + " settled_at = excluded.settled_at, branch = excluded.branch",
        p.id(),
        p.state().wire(),
        JsonColumns.encodeNullable(p.param().headers()),
        p.param().data(),
        JsonColumns.encodeNullable(p.value().headers()),
        p.value().data(),
        JsonColumns.encode(p.tags()),
        p.timeoutAt(),
        p.createdAt(),
        p.settledAt(),
        p.tag(Tags.BRANCH));
  }

  private void putSchedule(ScheduleRecord s) {
    sql.update(
        "INSERT INTO schedules (" + SCHEDULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET cron = excluded.cron, promise_id = excluded.promise_id,"
            + " promise_timeout = excluded.promise_timeout, param_headers = excluded.param_headers,"
            + " param_data = excluded.param_data, promise_tags = excluded.promise_tags,"
            + " created_at = excluded.created_at, next_run_at = excluded.next_run_at,"
            + " last_run_at = excluded.last_run_at",
        s.id(),
        s.cron(),
        s.promiseId(),
        s.promiseTimeout(),
        JsonColumns.encodeNullable(s.promiseParam().headers()),
        s.promiseParam().data(),
        JsonColumns.encode(s.promiseTags()),
        s.createdAt(),
        s.nextRunAt(),
        s.lastRunAt());
  }

  @Override
  public void delete(RowKey key) {
    int deleted;
    switch (key.table()) {
      case PROMISES:
        deleted = sql.update("DELETE FROM promises WHERE id = ?", key.first());
        break;
      case TASKS:
        deleted = sql.update("DELETE FROM tasks WHERE id = ?", key.first());
        break;
      case CALLBACKS:
        deleted = sql.update("DELETE FROM callbacks WHERE awaited = ? AND awaiter = ?", key.first(), key.second());
        break;
      case LISTENERS:
        deleted = sql.update("DELETE FROM listeners WHERE promise_id = ? AND address = ?", key.first(), key.second());
        break;
      case SCHEDULES:
        deleted = sql.update("DELETE FROM schedules WHERE id = ?", key.first());
        break;
      case OUTBOX_EXECUTE:
        deleted = sql.update("DELETE FROM outbox_execute WHERE task_id = ?", key.first());
        break;
      case OUTBOX_UNBLOCK:
        deleted =
            sql.update("DELETE FROM outbox_unblock WHERE promise_id = ? AND address = ?", key.first(), key.second());
        break;
      default:
        throw new IllegalArgumentException("unknown table " + key.table());
    }
    // A delete of a missing row changes nothing, so it is not recorded (as in MemoryState).
    if (deleted > 0) {
      changes.delete(key);
    }
  }

  @Override
  public void reset() {
    for (String table :
        List.of("promises", "tasks", "callbacks", "listeners", "schedules", "outbox_execute", "outbox_unblock")) {
      sql.update("DELETE FROM " + table);
    }
    changes.markReset();
  }

  @Override
  public ChangeSet changes() {
    return changes;
  }

  /** Runs {@code SELECT 1}: proves the connection answers ({@code GET /ready}). */
  boolean selectOne() {
    return sql.queryLong("SELECT 1") == 1;
  }

  /** The underlying connection, for tests that need to provoke database faults (disk full, lost transaction). */
  Connection connection() {
    return sql.connection();
  }

  /** Closes the cached statements; the connection stays open (its owner closes it). */
  public void closeStatements() {
    sql.close();
  }

  /** SQLite reads a negative LIMIT as "no limit"; the contract reads it as "nothing". */
  private static int rows(int limit) {
    return Math.max(limit, 0);
  }
}
