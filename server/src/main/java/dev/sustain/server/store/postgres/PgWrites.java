package dev.sustain.server.store.postgres;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.ScheduleRow;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch's net writes into as few statements as the SQL allows: per table at most one {@code DELETE}, one
 * plain {@code INSERT} (rows read as absent: a concurrent insert of the same key then fails with 23505 and the
 * batch is retried, so two creators can never both win) and one upsert (rows read under lock, or blind-written
 * rows whose upsert is the intended meaning), each over {@code UNNEST}ed column arrays.
 *
 * <p>Stateless.
 */
final class PgWrites {

  /** One statement to run: SQL text (prepared and cached per connection) and its parameters. */
  record Statement(String sql, Tuple params) {}

  static final String TRUNCATE =
      "TRUNCATE promises, tasks, callbacks, listeners, schedules, outbox_execute, outbox_unblock";

  private PgWrites() {}

  static List<Statement> statements(PgBatchState state) {
    PgBatchState.Overlay writes = state.writes();
    List<Statement> out = new ArrayList<>();
    if (writes.reset) {
      out.add(new Statement(TRUNCATE, Tuple.tuple()));
    }
    for (Map.Entry<Table, LinkedHashMap<RowKey, Row>> e : writes.rows.entrySet()) {
      Table table = e.getKey();
      List<RowKey> deletes = new ArrayList<>();
      List<Row> inserts = new ArrayList<>();
      List<Row> upserts = new ArrayList<>();
      for (Map.Entry<RowKey, Row> change : e.getValue().entrySet()) {
        RowKey key = change.getKey();
        // After a reset nothing is stored, so every remaining row is new.
        boolean stored = !writes.reset && state.storedInBase(key);
        boolean absent = writes.reset || (!stored && state.knownAbsent(key));
        if (change.getValue() == null) {
          if (!absent) {
            deletes.add(key);
          }
        } else if (absent) {
          inserts.add(change.getValue());
        } else {
          upserts.add(change.getValue());
        }
      }
      if (!deletes.isEmpty()) {
        out.add(delete(table, deletes));
      }
      if (!inserts.isEmpty()) {
        out.add(insert(table, inserts, false));
      }
      if (!upserts.isEmpty()) {
        out.add(insert(table, upserts, true));
      }
    }
    return out;
  }

  private static Statement delete(Table table, List<RowKey> keys) {
    String[] cols = PgRows.keyColumns(table);
    String name = PgRows.name(table);
    String[] first = keys.stream().map(RowKey::first).toArray(String[]::new);
    if (cols.length == 1) {
      return new Statement(
          "DELETE FROM " + name + " WHERE " + cols[0] + " = ANY($1::text[])", PgRows.params((Object) first));
    }
    String[] second = keys.stream().map(RowKey::second).toArray(String[]::new);
    return new Statement(
        "DELETE FROM " + name + " t USING UNNEST($1::text[], $2::text[]) AS k(a, b) WHERE t." + cols[0]
            + " = k.a AND t." + cols[1] + " = k.b",
        PgRows.params(first, second));
  }

  private static Statement insert(Table table, List<Row> rows, boolean upsert) {
    int n = rows.size();
    return switch (table) {
      case PROMISES -> {
        String[] id = new String[n], state = new String[n], ph = new String[n], pd = new String[n];
        String[] vh = new String[n], vd = new String[n], tags = new String[n];
        Long[] timeoutAt = new Long[n], createdAt = new Long[n], settledAt = new Long[n];
        for (int i = 0; i < n; i++) {
          PromiseRecord p = ((PromiseRow) rows.get(i)).promise();
          id[i] = p.id();
          state[i] = p.state().wire();
          ph[i] = PgRows.json(p.param().headers());
          pd[i] = p.param().data();
          vh[i] = PgRows.json(p.value().headers());
          vd[i] = p.value().data();
          tags[i] = PgRows.json(p.tags());
          timeoutAt[i] = p.timeoutAt();
          createdAt[i] = p.createdAt();
          settledAt[i] = p.settledAt();
        }
        yield new Statement(
            "INSERT INTO promises (id, state, param_headers, param_data, value_headers, value_data, tags,"
                + " timeout_at, created_at, settled_at)"
                + " SELECT u.id, u.st, u.ph::jsonb, u.pd, u.vh::jsonb, u.vd, u.tg::jsonb, u.ta, u.ca, u.sa"
                + " FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],"
                + " $8::int8[], $9::int8[], $10::int8[]) AS u(id, st, ph, pd, vh, vd, tg, ta, ca, sa)"
                + (upsert
                    ? " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, param_headers = EXCLUDED.param_headers,"
                        + " param_data = EXCLUDED.param_data, value_headers = EXCLUDED.value_headers,"
                        + " value_data = EXCLUDED.value_data, tags = EXCLUDED.tags,"
                        + " timeout_at = EXCLUDED.timeout_at, created_at = EXCLUDED.created_at,"
                        + " settled_at = EXCLUDED.settled_at"
                    : ""),
            PgRows.params(id, state, ph, pd, vh, vd, tags, timeoutAt, createdAt, settledAt));
      }
      case TASKS -> {
        String[] id = new String[n], state = new String[n], pid = new String[n];
        Long[] version = new Long[n], timerAt = new Long[n], ttl = new Long[n];
        for (int i = 0; i < n; i++) {
          TaskRow t = (TaskRow) rows.get(i);
          id[i] = t.id();
          state[i] = t.state().wire();
          version[i] = t.version();
          timerAt[i] = t.timerAt();
          pid[i] = t.pid();
          ttl[i] = t.ttl();
        }
        yield new Statement(
            "INSERT INTO tasks (id, state, version, timer_at, pid, ttl)"
                + " SELECT * FROM UNNEST($1::text[], $2::text[], $3::int8[], $4::int8[], $5::text[], $6::int8[])"
                + (upsert
                    ? " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version,"
                        + " timer_at = EXCLUDED.timer_at, pid = EXCLUDED.pid, ttl = EXCLUDED.ttl"
                    : ""),
            PgRows.params(id, state, version, timerAt, pid, ttl));
      }
      case CALLBACKS -> {
        String[] awaited = new String[n], awaiter = new String[n];
        Boolean[] ready = new Boolean[n];
        for (int i = 0; i < n; i++) {
          CallbackRow c = (CallbackRow) rows.get(i);
          awaited[i] = c.awaited();
          awaiter[i] = c.awaiter();
          ready[i] = c.ready();
        }
        yield new Statement(
            "INSERT INTO callbacks (awaited, awaiter, ready)"
                + " SELECT * FROM UNNEST($1::text[], $2::text[], $3::bool[])"
                + (upsert ? " ON CONFLICT (awaited, awaiter) DO UPDATE SET ready = EXCLUDED.ready" : ""),
            PgRows.params(awaited, awaiter, ready));
      }
      case LISTENERS, OUTBOX_UNBLOCK -> {
        String[] promiseId = new String[n], address = new String[n];
        for (int i = 0; i < n; i++) {
          Row r = rows.get(i);
          promiseId[i] = r instanceof ListenerRow l ? l.promiseId() : ((UnblockRow) r).promiseId();
          address[i] = r instanceof ListenerRow l ? l.address() : ((UnblockRow) r).address();
        }
        yield new Statement(
            "INSERT INTO " + PgRows.name(table) + " (promise_id, address)"
                + " SELECT * FROM UNNEST($1::text[], $2::text[])"
                + (upsert ? " ON CONFLICT (promise_id, address) DO NOTHING" : ""),
            PgRows.params(promiseId, address));
      }
      case SCHEDULES -> {
        String[] id = new String[n], cron = new String[n], promiseId = new String[n], ph = new String[n];
        String[] pd = new String[n], tags = new String[n];
        Long[] timeout = new Long[n], createdAt = new Long[n], nextRunAt = new Long[n], lastRunAt = new Long[n];
        for (int i = 0; i < n; i++) {
          ScheduleRecord s = ((ScheduleRow) rows.get(i)).schedule();
          id[i] = s.id();
          cron[i] = s.cron();
          promiseId[i] = s.promiseId();
          timeout[i] = s.promiseTimeout();
          ph[i] = PgRows.json(s.promiseParam().headers());
          pd[i] = s.promiseParam().data();
          tags[i] = PgRows.json(s.promiseTags());
          createdAt[i] = s.createdAt();
          nextRunAt[i] = s.nextRunAt();
          lastRunAt[i] = s.lastRunAt();
        }
        yield new Statement(
            "INSERT INTO schedules (id, cron, promise_id, promise_timeout, param_headers, param_data, promise_tags,"
                + " created_at, next_run_at, last_run_at)"
                + " SELECT u.id, u.cr, u.pi, u.pt, u.ph::jsonb, u.pd, u.tg::jsonb, u.ca, u.nr, u.lr"
                + " FROM UNNEST($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[],"
                + " $8::int8[], $9::int8[], $10::int8[]) AS u(id, cr, pi, pt, ph, pd, tg, ca, nr, lr)"
                + (upsert
                    ? " ON CONFLICT (id) DO UPDATE SET cron = EXCLUDED.cron, promise_id = EXCLUDED.promise_id,"
                        + " promise_timeout = EXCLUDED.promise_timeout, param_headers = EXCLUDED.param_headers,"
                        + " param_data = EXCLUDED.param_data, promise_tags = EXCLUDED.promise_tags,"
                        + " created_at = EXCLUDED.created_at, next_run_at = EXCLUDED.next_run_at,"
                        + " last_run_at = EXCLUDED.last_run_at"
                    : ""),
            PgRows.params(id, cron, promiseId, timeout, ph, pd, tags, createdAt, nextRunAt, lastRunAt));
      }
      case OUTBOX_EXECUTE -> {
        String[] taskId = new String[n], address = new String[n];
        Long[] version = new Long[n];
        for (int i = 0; i < n; i++) {
          ExecuteRow x = (ExecuteRow) rows.get(i);
          taskId[i] = x.taskId();
          version[i] = x.version();
          address[i] = x.address();
        }
        // A replaced execute takes a new sequence number: it is the newest message of the outbox.
        yield new Statement(
            "INSERT INTO outbox_execute (task_id, version, address)"
                + " SELECT * FROM UNNEST($1::text[], $2::int8[], $3::text[])"
                + (upsert
                    ? " ON CONFLICT (task_id) DO UPDATE SET version = EXCLUDED.version, address = EXCLUDED.address,"
                        + " seq = nextval('sustain_outbox_seq')"
                    : ""),
            PgRows.params(taskId, version, address));
      }
    };
  }
}
