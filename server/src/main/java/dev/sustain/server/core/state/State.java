package dev.sustain.server.core.state;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables as the pure engine sees them: keyed reads, a few indexed queries, and writes. Every write is also
 * recorded in {@link #changes()}, so the caller can persist or inspect exactly what one request changed.
 * Reads observe earlier writes of the same request and batch.
 *
 * <p>Implementations: {@code MemoryState} (maps; the oracle) and the embedded store's SQLite-backed state.
 * Implementations are confined to one thread.
 */
public interface State {

  // ---- keyed reads

  Optional<PromiseRecord> promise(String id);

  Optional<TaskRow> task(String id);

  Optional<CallbackRow> callback(String awaited, String awaiter);

  Optional<ScheduleRecord> schedule(String id);

  Optional<ExecuteRow> execute(String taskId);

  // ---- indexed reads (results ordered as stated)

  /** Callbacks whose awaited promise is {@code awaited}, by awaiter id. */
  List<CallbackRow> callbacksOnAwaited(String awaited);

  /** Callbacks whose awaiter task is {@code awaiter}, by awaited id. */
  List<CallbackRow> callbacksOfAwaiter(String awaiter);

  /** Listeners of promise {@code promiseId}, by address. */
  List<ListenerRow> listeners(String promiseId);

  /** Promises whose {@code resonate:branch} tag equals {@code branch}, by id (preload, spec §4.7). */
  List<PromiseRecord> promisesByBranch(String branch);

  /** Acquired tasks whose lease holder is {@code pid}, by id. */
  List<TaskRow> tasksHeldBy(String pid);

  /** Pending promises with {@code timeoutAt <= now}, by (timeoutAt, id), at most {@code limit}. */
  List<PromiseRecord> promisesDue(long now, int limit);

  /** Tasks with a timer at or before {@code now}, by (timerAt, id), at most {@code limit}. */
  List<TaskRow> tasksDue(long now, int limit);

  /** Schedules with {@code nextRunAt <= now}, by (nextRunAt, id), at most {@code limit}. */
  List<ScheduleRecord> schedulesDue(long now, int limit);

  /**
   * The earliest pending promise {@code timeoutAt}, task {@code timerAt} or schedule {@code nextRunAt}, or
   * {@link Long#MAX_VALUE} when nothing is armed.
   */
  long nextDeadline();

  // ---- searches: ids strictly greater than {@code cursor} (null = from the start), by id, at most {@code limit}

  List<PromiseRecord> searchPromises(PromiseState state, Map<String, String> tags, String cursor, int limit);

  List<TaskRow> searchTasks(TaskState state, String cursor, int limit);

  List<ScheduleRecord> searchSchedules(Map<String, String> tags, String cursor, int limit);

  /** Every row of {@code table}, by key ({@code debug.snap}). */
  List<Row> rows(Table table);

  // ---- writes

  /** Inserts or replaces the row with the same key. */
  void put(Row row);

  /** Deletes the row with this key if it exists. */
  void delete(RowKey key);

  /** Deletes every row of every table ({@code debug.reset}). */
  void reset();

  /** The writes made since the last {@link ChangeSet#clear()} of this set. */
  ChangeSet changes();
}
