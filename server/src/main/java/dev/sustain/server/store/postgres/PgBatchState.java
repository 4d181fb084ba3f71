package dev.sustain.server.store.postgres;

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
import dev.sustain.server.core.state.TagFilter;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import dev.sustain.server.store.postgres.PgNeeds.Index;
import dev.sustain.server.store.postgres.PgNeeds.IndexKey;
import dev.sustain.server.store.postgres.PgNeeds.Range;
import dev.sustain.server.store.postgres.PgNeeds.RangeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@link State} one batch's transaction sees: rows read from PostgreSQL in this transaction ("base"), under
 * the writes of the batch's earlier requests and of the current request. It only answers what it has loaded:
 * asked for anything else it records the need in {@link #needs()} and, in strict mode, throws {@link #MISSING}
 * so the caller loads the rows and runs the request again (the engine is deterministic, so a re-run is
 * equivalent). In probe mode it records the need and carries on as if the rows did not exist, so one engine run
 * reveals most of what a request reads; probe results are discarded.
 *
 * <p>Writes to promises, tasks, callbacks, schedules and queued executes are accepted only for keys read under a
 * row lock (or read as absent, which the final write checks with a plain {@code INSERT}), so every decision that
 * leads to a write is based on rows no other transaction can change before commit.
 *
 * <p>Not thread-safe: confined to the store's context for the life of one batch.
 */
final class PgBatchState implements State {

  /** Thrown in strict mode when the engine needs rows that are not loaded. Stackless, shared. */
  static final RuntimeException MISSING =
      new RuntimeException("rows not loaded", null, false, false) {
        private static final long serialVersionUID = 1L;
      };

  /** A loaded range: how many rows were asked for, whether fewer came back (all matches), and the last one. */
  private record RangeLoad(int fetched, boolean complete, Row last) {}

  /** Writes layered over the base: final row per key ({@code null} = deleted), and whether tables were emptied. */
  static final class Overlay {
    final EnumMap<Table, LinkedHashMap<RowKey, Row>> rows = new EnumMap<>(Table.class);
    boolean reset;

    boolean has(RowKey key) {
      Map<RowKey, Row> t = rows.get(key.table());
      return t != null && t.containsKey(key);
    }

    Row get(RowKey key) {
      return rows.get(key.table()).get(key);
    }

    void put(RowKey key, Row row) {
      rows.computeIfAbsent(key.table(), t -> new LinkedHashMap<>()).put(key, row);
    }

    int size(Table table) {
      Map<RowKey, Row> t = rows.get(table);
      return t == null ? 0 : t.size();
    }

    void absorb(Overlay later) {
      if (later.reset) {
        rows.clear();
        reset = true;
      }
      later.rows.forEach((table, changes) -> changes.forEach(this::put));
    }

    void clear() {
      rows.clear();
      reset = false;
    }
  }

  private static final Set<Table> BLIND_WRITES = EnumSet.of(Table.LISTENERS, Table.OUTBOX_UNBLOCK);

  private static final Comparator<Row> BY_KEY =
      Comparator.comparing((Row r) -> r.key().first())
          .thenComparing(r -> r.key().second(), Comparator.nullsFirst(Comparator.naturalOrder()));
  private static final Comparator<Row> PROMISE_BY_DUE =
      Comparator.comparingLong((Row r) -> ((PromiseRow) r).promise().timeoutAt()).thenComparing(BY_KEY);
  private static final Comparator<Row> TASK_BY_DUE =
      Comparator.comparingLong((Row r) -> ((TaskRow) r).timerAt()).thenComparing(BY_KEY);
  private static final Comparator<Row> SCHEDULE_BY_DUE =
      Comparator.comparingLong((Row r) -> ((ScheduleRow) r).schedule().nextRunAt()).thenComparing(BY_KEY);

  private final EnumMap<Table, HashMap<RowKey, Row>> base = new EnumMap<>(Table.class);
  private final Set<RowKey> locked = new HashSet<>();
  private final Set<RowKey> absent = new HashSet<>();
  private final Set<IndexKey> indexes = new HashSet<>();
  private final EnumSet<Table> fullTables = EnumSet.noneOf(Table.class);
  private final Map<RangeKey, RangeLoad> ranges = new HashMap<>();

  private final Overlay batch = new Overlay();
  private Overlay request = new Overlay();
  private ChangeSet changes = new ChangeSet();
  private final PgNeeds needs = new PgNeeds();
  private boolean probe;

  // ---- driving

  /** Starts a request (or a probe of one) on top of the batch's committed writes. */
  void beginRequest(boolean probe) {
    this.probe = probe;
    this.request = new Overlay();
    this.changes = new ChangeSet();
  }

  /** Keeps the current request's writes: later requests of the batch see them, and the batch persists them. */
  void keepRequest() {
    batch.absorb(request);
    request = new Overlay();
  }

  /** Drops the current request's writes (a probe, a re-run after a load, or a request that failed). */
  void dropRequest() {
    request = new Overlay();
  }

  PgNeeds needs() {
    return needs;
  }

  /** The batch's net writes, to persist. */
  Overlay writes() {
    return batch;
  }

  /** Whether the database holds this key as far as this transaction knows (decides UPDATE vs strict INSERT). */
  boolean storedInBase(RowKey key) {
    HashMap<RowKey, Row> t = base.get(key.table());
    return t != null && t.containsKey(key);
  }

  /** True when the key was read and found absent, so a write of it must be a plain INSERT. */
  boolean knownAbsent(RowKey key) {
    return absent.contains(key) || indexCovers(key);
  }

  // ---- loading (called by PgLoads)

  void loadedKey(RowKey key, Row row) {
    if (row == null) {
      absent.add(key);
    } else {
      baseTable(key.table()).put(key, row);
    }
    locked.add(key);
  }

  void loadedIndex(IndexKey key, List<Row> rows, boolean lockedRows) {
    for (Row r : rows) {
      addBase(r, lockedRows);
    }
    indexes.add(key);
  }

  void loadedRange(RangeKey key, int fetched, List<Row> rows, boolean lockedRows) {
    for (Row r : rows) {
      addBase(r, lockedRows);
    }
    if (key.range().unlimited()) {
      fullTables.add(key.range().table);
    }
    ranges.put(key, new RangeLoad(fetched, rows.size() < fetched, rows.isEmpty() ? null : rows.get(rows.size() - 1)));
  }

  private void addBase(Row r, boolean lockedRow) {
    if (lockedRow) {
      // A locked read is the freshest version and stays fresh until commit: it replaces an unlocked one.
      baseTable(r.key().table()).put(r.key(), r);
      locked.add(r.key());
    } else {
      baseTable(r.key().table()).putIfAbsent(r.key(), r);
    }
  }

  private HashMap<RowKey, Row> baseTable(Table table) {
    return base.computeIfAbsent(table, t -> new HashMap<>());
  }

  // ---- keyed reads

  @Override
  public Optional<PromiseRecord> promise(String id) {
    return Optional.ofNullable((PromiseRow) lookup(RowKey.of(Table.PROMISES, id))).map(PromiseRow::promise);
  }

  @Override
  public Optional<TaskRow> task(String id) {
    return Optional.ofNullable((TaskRow) lookup(RowKey.of(Table.TASKS, id)));
  }

  @Override
  public Optional<CallbackRow> callback(String awaited, String awaiter) {
    return Optional.ofNullable((CallbackRow) lookup(RowKey.of(Table.CALLBACKS, awaited, awaiter)));
  }

  @Override
  public Optional<ScheduleRecord> schedule(String id) {
    return Optional.ofNullable((ScheduleRow) lookup(RowKey.of(Table.SCHEDULES, id))).map(ScheduleRow::schedule);
  }

  @Override
  public Optional<ExecuteRow> execute(String taskId) {
    return Optional.ofNullable((ExecuteRow) lookup(RowKey.of(Table.OUTBOX_EXECUTE, taskId)));
  }

  /** The queued unblock of {@code promiseId} for {@code address}, for acknowledgements. */
  Optional<UnblockRow> unblock(String promiseId, String address) {
    return Optional.ofNullable((UnblockRow) lookup(RowKey.of(Table.OUTBOX_UNBLOCK, promiseId, address)));
  }

  private Row lookup(RowKey key) {
    if (request.has(key)) {
      return request.get(key);
    }
    if (request.reset) {
      return null;
    }
    if (batch.has(key)) {
      return batch.get(key);
    }
    if (batch.reset) {
      return null;
    }
    HashMap<RowKey, Row> t = base.get(key.table());
    Row row = t == null ? null : t.get(key);
    if (row != null || absent.contains(key) || fullTables.contains(key.table()) || indexCovers(key)) {
      return row;
    }
    needKey(key);
    return null;
  }

  /** Whether a complete index load proves this key's presence or absence. */
  private boolean indexCovers(RowKey key) {
    return switch (key.table()) {
      case CALLBACKS ->
          indexes.contains(new IndexKey(Index.CALLBACKS_BY_AWAITED, key.first()))
              || indexes.contains(new IndexKey(Index.CALLBACKS_BY_AWAITER, key.second()));
      case LISTENERS -> indexes.contains(new IndexKey(Index.LISTENERS_BY_PROMISE, key.first()));
      default -> false;
    };
  }

  // ---- indexed reads

  @Override
  public List<CallbackRow> callbacksOnAwaited(String awaited) {
    return indexed(
        new IndexKey(Index.CALLBACKS_BY_AWAITED, awaited), r -> ((CallbackRow) r).awaited().equals(awaited));
  }

  @Override
  public List<CallbackRow> callbacksOfAwaiter(String awaiter) {
    // Ordered by awaited id, as the index is.
    List<CallbackRow> rows =
        indexed(new IndexKey(Index.CALLBACKS_BY_AWAITER, awaiter), r -> ((CallbackRow) r).awaiter().equals(awaiter));
    rows.sort(Comparator.comparing(CallbackRow::awaited));
    return rows;
  }

  @Override
  public List<ListenerRow> listeners(String promiseId) {
    return indexed(
        new IndexKey(Index.LISTENERS_BY_PROMISE, promiseId), r -> ((ListenerRow) r).promiseId().equals(promiseId));
  }

  @Override
  public List<PromiseRecord> promisesByBranch(String branch) {
    List<PromiseRow> rows =
        indexed(
            new IndexKey(Index.PROMISES_BY_BRANCH, branch),
            r -> branch.equals(((PromiseRow) r).promise().tag(Tags.BRANCH)));
    return rows.stream().map(PromiseRow::promise).toList();
  }

  @Override
  public List<TaskRow> tasksHeldBy(String pid) {
    return indexed(
        new IndexKey(Index.TASKS_BY_HOLDER, pid),
        r -> ((TaskRow) r).state() == TaskState.ACQUIRED && pid.equals(((TaskRow) r).pid()));
  }

  @SuppressWarnings("unchecked")
  private <R extends Row> List<R> indexed(IndexKey key, Predicate<Row> match) {
    Table table = key.index().table;
    if (!resetVisible() && !fullTables.contains(table) && !indexes.contains(key)) {
      needIndex(key);
    }
    List<Row> rows = scan(table, match);
    rows.sort(BY_KEY);
    return (List<R>) rows;
  }

  // ---- ranges

  @Override
  public List<PromiseRecord> promisesDue(long now, int limit) {
    List<PromiseRow> rows =
        range(
            RangeKey.due(Range.PROMISES_DUE, now), limit,
            r -> ((PromiseRow) r).promise().state() == PromiseState.PENDING
                && ((PromiseRow) r).promise().timeoutAt() <= now,
            PROMISE_BY_DUE);
    return rows.stream().map(PromiseRow::promise).toList();
  }

  @Override
  public List<TaskRow> tasksDue(long now, int limit) {
    return range(
        RangeKey.due(Range.TASKS_DUE, now), limit,
        r -> ((TaskRow) r).timerAt() != null && ((TaskRow) r).timerAt() <= now,
        TASK_BY_DUE);
  }

  @Override
  public List<ScheduleRecord> schedulesDue(long now, int limit) {
    List<ScheduleRow> rows =
        range(
            RangeKey.due(Range.SCHEDULES_DUE, now), limit,
            r -> ((ScheduleRow) r).schedule().nextRunAt() <= now,
            SCHEDULE_BY_DUE);
    return rows.stream().map(ScheduleRow::schedule).toList();
  }

  @Override
  public long nextDeadline() {
    long next = Long.MAX_VALUE;
    List<PromiseRow> p =
        range(RangeKey.of(Range.PROMISES_NEXT), 1,
            r -> ((PromiseRow) r).promise().state() == PromiseState.PENDING, PROMISE_BY_DUE);
    if (!p.isEmpty()) {
      next = Math.min(next, p.get(0).promise().timeoutAt());
    }
    List<TaskRow> t = range(RangeKey.of(Range.TASKS_NEXT), 1, r -> ((TaskRow) r).timerAt() != null, TASK_BY_DUE);
    if (!t.isEmpty()) {
      next = Math.min(next, t.get(0).timerAt());
    }
    List<ScheduleRow> s = range(RangeKey.of(Range.SCHEDULES_NEXT), 1, r -> true, SCHEDULE_BY_DUE);
    if (!s.isEmpty()) {
      next = Math.min(next, s.get(0).schedule().nextRunAt());
    }
    return next;
  }

  @Override
  public List<PromiseRecord> searchPromises(
      PromiseState state, Map<String, String> tags, String cursor, int limit) {
    RangeKey key = new RangeKey(Range.PROMISE_SEARCH, Long.MAX_VALUE, state, null, tags, cursor);
    List<PromiseRow> rows =
        range(
            key, limit,
            r -> {
              PromiseRecord p = ((PromiseRow) r).promise();
              return (state == null || p.state() == state) && TagFilter.matches(p.tags(), tags) && after(p.id(), cursor);
            },
            BY_KEY);
    return rows.stream().map(PromiseRow::promise).toList();
  }

  @Override
  public List<TaskRow> searchTasks(TaskState state, String cursor, int limit) {
    RangeKey key = new RangeKey(Range.TASK_SEARCH, Long.MAX_VALUE, null, state, null, cursor);
    return range(
        key, limit,
        r -> (state == null || ((TaskRow) r).state() == state) && after(((TaskRow) r).id(), cursor),
        BY_KEY);
  }

  @Override
  public List<ScheduleRecord> searchSchedules(Map<String, String> tags, String cursor, int limit) {
    RangeKey key = new RangeKey(Range.SCHEDULE_SEARCH, Long.MAX_VALUE, null, null, tags, cursor);
    List<ScheduleRow> rows =
        range(
            key, limit,
            r -> {
              ScheduleRecord s = ((ScheduleRow) r).schedule();
              return TagFilter.matches(s.promiseTags(), tags) && after(s.id(), cursor);
            },
            BY_KEY);
    return rows.stream().map(ScheduleRow::schedule).toList();
  }

  @Override
  public List<Row> rows(Table table) {
    return range(RangeKey.of(Range.all(table)), Integer.MAX_VALUE, r -> true, BY_KEY);
  }

  /**
   * A range answer that is exact under the overlays: rows matching in (base ⊕ writes), cut at the last row the
   * database returned when it returned as many as asked (beyond it the database may hold rows not loaded). When
   * the cut leaves fewer than {@code limit} rows, a larger fetch is needed.
   */
  @SuppressWarnings("unchecked")
  private <R extends Row> List<R> range(RangeKey key, int limit, Predicate<Row> match, Comparator<Row> order) {
    Table table = key.range().table;
    boolean lockingRange = key.range().name().endsWith("_DUE");
    boolean covered = resetVisible() || (fullTables.contains(table) && !lockingRange);
    RangeLoad load = ranges.get(key);
    int pending = batch.size(table) + request.size(table);
    if (!covered && load == null) {
      needRange(key, fetchFor(limit, pending, 0));
    }
    List<Row> rows = scan(table, match);
    rows.sort(order);
    if (!covered && load != null && !load.complete()) {
      Row last = load.last();
      rows.removeIf(r -> order.compare(r, last) > 0);
      if (rows.size() < limit) {
        needRange(key, fetchFor(limit, pending, load.fetched()));
      }
    }
    return (List<R>) (rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows);
  }

  private static int fetchFor(int limit, int pending, int previous) {
    if (limit == Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    long want = Math.max((long) limit + pending, 2L * previous);
    return (int) Math.min(Integer.MAX_VALUE - 1L, Math.max(want, 1));
  }

  // ---- writes

  @Override
  public void put(Row row) {
    RowKey key = row.key();
    checkWritable(key);
    request.put(key, row);
    changes.put(row);
  }

  @Override
  public void delete(RowKey key) {
    checkWritable(key);
    request.put(key, null);
    changes.delete(key);
  }

  @Override
  public void reset() {
    request.rows.clear();
    request.reset = true;
    changes.markReset();
  }

  @Override
  public ChangeSet changes() {
    return changes;
  }

  private void checkWritable(RowKey key) {
    if (BLIND_WRITES.contains(key.table()) || request.has(key) || batch.has(key) || resetVisible()) {
      return;
    }
    if (storedInBase(key) ? locked.contains(key) : knownAbsent(key)) {
      return;
    }
    needKey(key);
  }

  // ---- view helpers

  private boolean resetVisible() {
    return request.reset || batch.reset;
  }

  /** Every row of {@code table} in (base ⊕ batch ⊕ request) that matches, unordered. */
  private List<Row> scan(Table table, Predicate<Row> match) {
    Map<RowKey, Row> view = new HashMap<>();
    if (!resetVisible()) {
      HashMap<RowKey, Row> t = base.get(table);
      if (t != null) {
        view.putAll(t);
      }
    }
    if (!request.reset) {
      Map<RowKey, Row> b = batch.rows.get(table);
      if (b != null) {
        view.putAll(b);
      }
    }
    Map<RowKey, Row> r = request.rows.get(table);
    if (r != null) {
      view.putAll(r);
    }
    List<Row> out = new ArrayList<>();
    for (Row row : view.values()) {
      if (row != null && match.test(row)) {
        out.add(row);
      }
    }
    return out;
  }


  private static boolean after(String id, String cursor) {
    return cursor == null || id.compareTo(cursor) > 0;
  }

  // ---- needs

  private void needKey(RowKey key) {
    needs.keys.add(key);
    missing();
  }

  private void needIndex(IndexKey key) {
    // Index lookups keyed by a promise id lock that promise first: every writer of those rows holds that lock too,
    // so no concurrent transaction can add a row the lookup missed (no phantoms) before we commit.
    switch (key.index()) {
      case CALLBACKS_BY_AWAITED, CALLBACKS_BY_AWAITER, LISTENERS_BY_PROMISE -> {
        RowKey promise = RowKey.of(Table.PROMISES, key.value());
        if (!locked.contains(promise)) {
          needs.keys.add(promise);
        }
      }
      default -> {}
    }
    needs.indexes.add(key);
    missing();
  }

  private void needRange(RangeKey key, int fetch) {
    needs.range(key, fetch);
    missing();
  }

  private void missing() {
    if (!probe) {
      throw MISSING;
    }
  }
}
