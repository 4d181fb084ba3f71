package dev.sustain.server.store.postgres;

import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a batch must read from PostgreSQL before the engine can run on: single rows by key (always read
 * {@code FOR UPDATE}), complete secondary-index lookups, and ordered range queries with a fetch limit. Collected
 * while the engine runs against a {@link PgBatchState}, then loaded by {@link PgLoads} in one pipelined round trip.
 *
 * <p>Not thread-safe: confined to the store's context.
 */
final class PgNeeds {

  /** Secondary-index lookups the engine makes; each is loaded completely for its value. */
  enum Index {
    CALLBACKS_BY_AWAITED(Table.CALLBACKS),
    CALLBACKS_BY_AWAITER(Table.CALLBACKS),
    LISTENERS_BY_PROMISE(Table.LISTENERS),
    PROMISES_BY_BRANCH(Table.PROMISES),
    TASKS_BY_HOLDER(Table.TASKS);

    final Table table;

    Index(Table table) {
      this.table = table;
    }
  }

  record IndexKey(Index index, String value) {}

  /** Ordered queries. The {@code *_DUE} ranges lock their rows and skip rows other transactions hold. */
  enum Range {
    PROMISES_DUE(Table.PROMISES),
    TASKS_DUE(Table.TASKS),
    SCHEDULES_DUE(Table.SCHEDULES),
    PROMISES_NEXT(Table.PROMISES),
    TASKS_NEXT(Table.TASKS),
    SCHEDULES_NEXT(Table.SCHEDULES),
    PROMISE_SEARCH(Table.PROMISES),
    TASK_SEARCH(Table.TASKS),
    SCHEDULE_SEARCH(Table.SCHEDULES),
    ALL_PROMISES(Table.PROMISES),
    ALL_TASKS(Table.TASKS),
    ALL_CALLBACKS(Table.CALLBACKS),
    ALL_LISTENERS(Table.LISTENERS),
    ALL_SCHEDULES(Table.SCHEDULES),
    ALL_EXECUTES(Table.OUTBOX_EXECUTE),
    ALL_UNBLOCKS(Table.OUTBOX_UNBLOCK);

    final Table table;

    Range(Table table) {
      this.table = table;
    }

    boolean unlimited() {
      return name().startsWith("ALL_");
    }

    static Range all(Table table) {
      return switch (table) {
        case PROMISES -> ALL_PROMISES;
        case TASKS -> ALL_TASKS;
        case CALLBACKS -> ALL_CALLBACKS;
        case LISTENERS -> ALL_LISTENERS;
        case SCHEDULES -> ALL_SCHEDULES;
        case OUTBOX_EXECUTE -> ALL_EXECUTES;
        case OUTBOX_UNBLOCK -> ALL_UNBLOCKS;
      };
    }
  }

  /**
   * One range query without its fetch limit: {@code bound} is the {@code now} of a due query; {@code promiseState},
   * {@code taskState}, {@code tags} and {@code cursor} are search filters ({@code null} = none).
   */
  record RangeKey(
      Range range, long bound, PromiseState promiseState, TaskState taskState, Map<String, String> tags,
      String cursor) {
    static RangeKey of(Range range) {
      return new RangeKey(range, Long.MAX_VALUE, null, null, null, null);
    }

    static RangeKey due(Range range, long now) {
      return new RangeKey(range, now, null, null, null, null);
    }
  }

  final Set<RowKey> keys = new LinkedHashSet<>();
  final Set<IndexKey> indexes = new LinkedHashSet<>();
  /** Range → rows to fetch. */
  final Map<RangeKey, Integer> ranges = new LinkedHashMap<>();

  /**
   * Everything keyed by one promise id that settling or acquiring reads: the promise, its task, callbacks on it
   * and of it, its listeners. Asking up front saves the round trip the probe would otherwise need to find the
   * cascade (a probe sees the promise as absent, so it never reaches the cascade).
   */
  void promiseNeighbourhood(String id) {
    keys.add(RowKey.of(Table.PROMISES, id));
    keys.add(RowKey.of(Table.TASKS, id));
    indexes.add(new IndexKey(Index.CALLBACKS_BY_AWAITED, id));
    indexes.add(new IndexKey(Index.CALLBACKS_BY_AWAITER, id));
    indexes.add(new IndexKey(Index.LISTENERS_BY_PROMISE, id));
  }

  void range(RangeKey key, int fetch) {
    ranges.merge(key, fetch, Math::max);
  }

  boolean isEmpty() {
    return keys.isEmpty() && indexes.isEmpty() && ranges.isEmpty();
  }

  void clear() {
    keys.clear();
    indexes.clear();
    ranges.clear();
  }
}
