package dev.sustain.server.store.postgres;

import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.Engine;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.ScheduleRow;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import dev.sustain.server.store.OutboxEntry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One transaction over a batch of work, on one connection:
 *
 * <ol>
 *   <li>probe every item on an empty state to learn what it reads, then {@code BEGIN} and load it all in one
 *       pipelined round trip;
 *   <li>run the items in order in strict mode; when one needs rows not loaded, probe it and the rest again, load,
 *       and resume at that item (already finished items keep their results);
 *   <li>write the batch's net changes and {@code COMMIT}, pipelined in one round trip.
 * </ol>
 *
 * A batch is therefore two round trips when the probes guess every read, which they do for the hot kinds
 * (create, settle, acquire). An item whose engine run fails for a reason other than missing rows fails alone; its
 * writes are dropped and the others commit.
 *
 * <p>Confined to the store's context; single use.
 */
final class PgBatch {
  /** Load rounds before the batch gives up: far more than any request's read depth. */
  static final int MAX_ROUNDS = 64;

  /** After the commit, in the same pipeline: where the earliest timer now is. */
  private static final String NEXT_DEADLINE =
      "SELECT LEAST((SELECT min(timeout_at) FROM promises WHERE state = 'pending'),"
          + " (SELECT min(timer_at) FROM tasks WHERE timer_at IS NOT NULL),"
          + " (SELECT min(next_run_at) FROM schedules))";

  /** {@link Result#nextDeadline()} when the batch changed nothing, so the deadline was not read. */
  static final long UNKNOWN = Long.MIN_VALUE;

  private final SqlConnection conn;
  private final Engine engine;
  private final String serverUrl;
  private final List<PgWork<?>> items;
  private final PgBatchState state = new PgBatchState();
  private final Object[] results;
  private final Throwable[] failures;
  private int next;
  private int rounds;
  private boolean begun;
  private boolean commitSent;

  /**
   * The batch's outcome: per item a result or a failure, the messages to deliver, the earliest armed deadline
   * as far as this batch can tell ({@link Long#MAX_VALUE} if none, {@link #UNKNOWN} if it could not have moved
   * earlier), and the load rounds used.
   */
  record Result(Object[] results, Throwable[] failures, List<OutboxEntry> messages, long nextDeadline, int rounds) {}

  PgBatch(SqlConnection conn, Engine engine, String serverUrl, List<PgWork<?>> items) {
    this.conn = conn;
    this.engine = engine;
    this.serverUrl = serverUrl;
    this.items = items;
    this.results = new Object[items.size()];
    this.failures = new Throwable[items.size()];
  }

  Future<Result> run() {
    for (PgWork<?> item : items) {
      item.hint(state.needs());
    }
    probeFrom(0);
    return proceed().recover(this::rollback);
  }

  /**
   * After a failure before the COMMIT was sent the transaction is still open (and aborted): roll it back before
   * the connection goes back to the pool. A COMMIT sent after a failed statement already ended it as a rollback.
   */
  private Future<Result> rollback(Throwable failure) {
    if (!begun || commitSent) {
      return Future.failedFuture(failure);
    }
    return conn.query("ROLLBACK").execute().transform(ar -> Future.failedFuture(failure));
  }

  private Future<Result> proceed() {
    while (next < items.size()) {
      PgWork<?> item = items.get(next);
      state.beginRequest(false);
      try {
        results[next] = item.run(engine, state);
        state.keepRequest();
        next++;
      } catch (RuntimeException e) {
        state.dropRequest();
        if (e != PgBatchState.MISSING) {
          failures[next] = e;
          next++;
          continue;
        }
        if (++rounds > MAX_ROUNDS) {
          return Future.failedFuture(
              new IllegalStateException("a request still needed rows after " + MAX_ROUNDS + " load rounds"));
        }
        probeFrom(next);
        return load().compose(v -> proceed());
      }
    }
    return commit();
  }

  /** Runs items {@code from..} in probe mode to collect what they read; their results are discarded. */
  private void probeFrom(int from) {
    for (int i = from; i < items.size(); i++) {
      state.beginRequest(true);
      try {
        items.get(i).run(engine, state);
      } catch (RuntimeException probeFailure) {
        // A probe runs on guessed absences; a failure only means it guessed wrong, and the strict run decides.
      }
      state.dropRequest();
    }
  }

  private Future<Void> load() {
    List<PgLoads.Read> reads = PgLoads.reads(state.needs(), state);
    state.needs().clear();
    List<Future<?>> pending = new ArrayList<>(reads.size() + 1);
    begin(pending);
    List<Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>>> readFutures = new ArrayList<>();
    for (PgLoads.Read read : reads) {
      Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> f = conn.preparedQuery(read.sql()).execute(read.params());
      readFutures.add(f);
      pending.add(f);
    }
    return settleAll(pending)
        .map(
            v -> {
              for (int i = 0; i < reads.size(); i++) {
                reads.get(i).apply().accept(readFutures.get(i).result());
              }
              return null;
            });
  }

  private Future<Result> commit() {
    List<PgWrites.Statement> writes = PgWrites.statements(state);
    if (!begun && writes.isEmpty()) {
      // Nothing read, nothing written: no transaction needed.
      return Future.succeededFuture(result(UNKNOWN));
    }
    List<Future<?>> pending = new ArrayList<>(writes.size() + 3);
    begin(pending);
    for (PgWrites.Statement w : writes) {
      pending.add(conn.preparedQuery(w.sql()).execute(w.params()));
    }
    pending.add(conn.query("COMMIT").execute());
    commitSent = true;
    if (!items.stream().anyMatch(PgBatch::rearmsTimers)) {
      long earliest = earliestWrittenDeadline();
      return settleAll(pending).map(v -> result(earliest == Long.MAX_VALUE ? UNKNOWN : earliest));
    }
    Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> deadline =
        conn.preparedQuery(NEXT_DEADLINE).execute();
    pending.add(deadline);
    return settleAll(pending)
        .map(
            v -> {
              Long at = deadline.result().iterator().next().getLong(0);
              return result(at == null ? Long.MAX_VALUE : at);
            });
  }

  /**
   * After a timeout pass (or a reset) the listener has dropped its armed deadline and needs the true next one,
   * read after the commit. Any other batch can only move the next deadline earlier through the timers it wrote:
   * the earliest of those is enough, because every earlier deadline was already reported by the batch that armed it.
   */
  private static boolean rearmsTimers(PgWork<?> item) {
    return item instanceof PgWork.Tick
        || (item instanceof PgWork.Request r && (r.data instanceof DebugTick || r.data instanceof DebugReset));
  }

  private long earliestWrittenDeadline() {
    long earliest = Long.MAX_VALUE;
    for (Map<RowKey, Row> table : state.writes().rows.values()) {
      for (Row row : table.values()) {
        if (row instanceof PromiseRow p && p.promise().state() == PromiseState.PENDING) {
          earliest = Math.min(earliest, p.promise().timeoutAt());
        } else if (row instanceof TaskRow t && t.timerAt() != null) {
          earliest = Math.min(earliest, t.timerAt());
        } else if (row instanceof ScheduleRow sc) {
          earliest = Math.min(earliest, sc.schedule().nextRunAt());
        }
      }
    }
    return earliest;
  }

  private void begin(List<Future<?>> pending) {
    if (!begun) {
      begun = true;
      pending.add(conn.query("BEGIN").execute());
    }
  }

  /**
   * Waits for every pipelined statement and fails with the first real failure: after one statement fails the
   * server rejects the rest with "transaction aborted" (and turns a pipelined COMMIT into a rollback), so only
   * the first failure says what happened.
   */
  private static Future<Void> settleAll(List<Future<?>> pending) {
    return Future.join(pending)
        .transform(
            ar -> {
              if (ar.succeeded()) {
                return Future.succeededFuture();
              }
              Throwable first = null;
              for (Future<?> f : pending) {
                if (f.failed() && (first == null || PgErrors.isAbortedFollower(first))) {
                  first = f.cause();
                }
              }
              return Future.failedFuture(first == null ? ar.cause() : first);
            });
  }

  private Result result(long nextDeadline) {
    // Reads for the messages must not ask for rows: every promise an unblock names was read by the cascade.
    state.beginRequest(true);
    List<OutboxEntry> messages = new ArrayList<>();
    for (Map<RowKey, Row> table : state.writes().rows.values()) {
      for (Row row : table.values()) {
        if (row instanceof ExecuteRow e) {
          messages.add(new OutboxEntry(e.address(), new Execute(serverUrl, new TaskRef(e.taskId(), e.version()))));
        } else if (row instanceof UnblockRow u) {
          Optional<PromiseRecord> promise = state.promise(u.promiseId());
          promise.ifPresent(p -> messages.add(new OutboxEntry(u.address(), new Unblock(p))));
        }
      }
    }
    state.dropRequest();
    return new Result(results, failures, messages, nextDeadline, rounds);
  }
}
