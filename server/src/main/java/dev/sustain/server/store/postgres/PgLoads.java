package dev.sustain.server.store.postgres;

import dev.sustain.protocol.model.Tags;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.store.postgres.PgNeeds.Index;
import dev.sustain.server.store.postgres.PgNeeds.IndexKey;
import dev.sustain.server.store.postgres.PgNeeds.RangeKey;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The read side of a batch: turns {@link PgNeeds} into one statement per table and kind of lookup (keys and index
 * values passed as arrays), and feeds the results into the {@link PgBatchState}. Keyed and promise-keyed index
 * reads take row locks ({@code FOR UPDATE}); promises are locked first and in id order, which keeps lock order
 * consistent between transactions that lock several promises in one round. Due-timer ranges use
 * {@code SKIP LOCKED}: a timer another node is handling is simply not ours this pass.
 *
 * <p>Stateless.
 */
final class PgLoads {

  /** A statement and what to do with its rows once every statement of the round has succeeded. */
  record Read(String sql, Tuple params, Consumer<RowSet<io.vertx.sqlclient.Row>> apply) {}

  private PgLoads() {}

  static List<Read> reads(PgNeeds needs, PgBatchState state) {
    List<Read> out = new ArrayList<>();
    Map<Table, Set<RowKey>> byTable = new EnumMap<>(Table.class);
    for (RowKey k : needs.keys) {
      byTable.computeIfAbsent(k.table(), t -> new LinkedHashSet<>()).add(k);
    }
    // EnumMap iterates in declaration order: PROMISES, then TASKS, then the rest.
    byTable.forEach((table, keys) -> out.add(keys(table, List.copyOf(keys), state)));
    Map<Index, List<String>> byIndex = new EnumMap<>(Index.class);
    for (IndexKey k : needs.indexes) {
      byIndex.computeIfAbsent(k.index(), i -> new ArrayList<>()).add(k.value());
    }
    byIndex.forEach((index, values) -> out.add(index(index, values, state)));
    needs.ranges.forEach((key, fetch) -> out.add(range(key, fetch, state)));
    return out;
  }

  private static Read keys(Table table, List<RowKey> keys, PgBatchState state) {
    String[] cols = PgRows.keyColumns(table);
    String name = PgRows.name(table);
    String select = "SELECT " + PgRows.columns(table) + " FROM " + name + " t WHERE ";
    String[] first = keys.stream().map(RowKey::first).toArray(String[]::new);
    String sql;
    Tuple params;
    if (cols.length == 1) {
      sql = select + cols[0] + " = ANY($1::text[]) ORDER BY " + cols[0] + " FOR UPDATE";
      params = PgRows.params((Object) first);
    } else {
      String[] second = keys.stream().map(RowKey::second).toArray(String[]::new);
      sql =
          select + "(" + cols[0] + ", " + cols[1] + ") IN (SELECT * FROM UNNEST($1::text[], $2::text[]))"
              + " ORDER BY " + cols[0] + ", " + cols[1] + " FOR UPDATE OF t";
      params = PgRows.params(first, second);
    }
    return new Read(
        sql,
        params,
        rows -> {
          HashMap<RowKey, Row> found = new HashMap<>();
          for (io.vertx.sqlclient.Row r : rows) {
            Row row = PgRows.decode(table, r);
            found.put(row.key(), row);
          }
          for (RowKey k : keys) {
            state.loadedKey(k, found.get(k));
          }
        });
  }

  private static Read index(Index index, List<String> values, PgBatchState state) {
    Table table = index.table;
    String select = "SELECT " + PgRows.columns(table) + " FROM " + PgRows.name(table) + " WHERE ";
    boolean lock = index != Index.PROMISES_BY_BRANCH;
    String where =
        switch (index) {
          case CALLBACKS_BY_AWAITED -> "awaited = ANY($1::text[])";
          case CALLBACKS_BY_AWAITER -> "awaiter = ANY($1::text[])";
          case LISTENERS_BY_PROMISE -> "promise_id = ANY($1::text[])";
          case PROMISES_BY_BRANCH -> "branch = ANY($1::text[])";
          case TASKS_BY_HOLDER -> "pid = ANY($1::text[]) AND state = 'acquired'";
        };
    String sql = select + where + " ORDER BY " + PgRows.orderByKey(table) + (lock ? " FOR UPDATE" : "");
    return new Read(
        sql,
        PgRows.params((Object) values.toArray(String[]::new)),
        rows -> {
          Map<String, List<Row>> byValue = new HashMap<>();
          for (io.vertx.sqlclient.Row r : rows) {
            Row row = PgRows.decode(table, r);
            byValue.computeIfAbsent(indexValue(index, row), v -> new ArrayList<>()).add(row);
          }
          for (String v : values) {
            state.loadedIndex(new IndexKey(index, v), byValue.getOrDefault(v, List.of()), lock);
          }
        });
  }

  private static String indexValue(Index index, Row row) {
    return switch (index) {
      case CALLBACKS_BY_AWAITED -> row.key().first();
      case CALLBACKS_BY_AWAITER -> row.key().second();
      case LISTENERS_BY_PROMISE -> row.key().first();
      case PROMISES_BY_BRANCH ->
          ((PromiseRow) row).promise().tag(Tags.BRANCH);
      case TASKS_BY_HOLDER -> ((TaskRow) row).pid();
    };
  }

  private static Read range(RangeKey key, int fetch, PgBatchState state) {
    Table table = key.range().table;
    String select = "SELECT " + PgRows.columns(table) + " FROM " + PgRows.name(table);
    String sql;
    Tuple params;
    boolean lock = false;
    switch (key.range()) {
      case PROMISES_DUE -> {
        sql = select + " WHERE state = 'pending' AND timeout_at <= $1 ORDER BY timeout_at, id LIMIT $2"
            + " FOR UPDATE SKIP LOCKED";
        params = PgRows.params(key.bound(), fetch);
        lock = true;
      }
      case TASKS_DUE -> {
        sql = select + " WHERE timer_at <= $1 ORDER BY timer_at, id LIMIT $2 FOR UPDATE SKIP LOCKED";
        params = PgRows.params(key.bound(), fetch);
        lock = true;
      }
      case SCHEDULES_DUE -> {
        sql = select + " WHERE next_run_at <= $1 ORDER BY next_run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED";
        params = PgRows.params(key.bound(), fetch);
        lock = true;
      }
      case PROMISES_NEXT -> {
        sql = select + " WHERE state = 'pending' ORDER BY timeout_at, id LIMIT $1";
        params = PgRows.params(fetch);
      }
      case TASKS_NEXT -> {
        sql = select + " WHERE timer_at IS NOT NULL ORDER BY timer_at, id LIMIT $1";
        params = PgRows.params(fetch);
      }
      case SCHEDULES_NEXT -> {
        sql = select + " ORDER BY next_run_at, id LIMIT $1";
        params = PgRows.params(fetch);
      }
      case PROMISE_SEARCH -> {
        sql = select + " WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR tags @> $2::jsonb)"
            + " AND ($3::text IS NULL OR id > $3) ORDER BY id LIMIT $4";
        params = PgRows.params(
            key.promiseState() == null ? null : key.promiseState().wire(), PgRows.json(key.tags()), key.cursor(),
            fetch);
      }
      case TASK_SEARCH -> {
        sql = select + " WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR id > $2) ORDER BY id"
            + " LIMIT $3";
        params = PgRows.params(key.taskState() == null ? null : key.taskState().wire(), key.cursor(), fetch);
      }
      case SCHEDULE_SEARCH -> {
        sql = select + " WHERE ($1::text IS NULL OR promise_tags @> $1::jsonb) AND ($2::text IS NULL OR id > $2)"
            + " ORDER BY id LIMIT $3";
        params = PgRows.params(PgRows.json(key.tags()), key.cursor(), fetch);
      }
      default -> {
        sql = select + " ORDER BY " + PgRows.orderByKey(table);
        params = Tuple.tuple();
      }
    }
    boolean locked = lock;
    return new Read(
        sql,
        params,
        rows -> {
          List<Row> decoded = new ArrayList<>(rows.size());
          for (io.vertx.sqlclient.Row r : rows) {
            decoded.add(PgRows.decode(table, r));
          }
          state.loadedRange(key, fetch, decoded, locked);
        });
  }
}
