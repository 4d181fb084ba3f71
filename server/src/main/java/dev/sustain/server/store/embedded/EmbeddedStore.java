package dev.sustain.server.store.embedded;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.server.core.Engine;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.state.ChangeSet;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.UnblockRow;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link Store}: a SQLite file driven by the pure {@link Engine} on one dedicated writer thread
 * ({@link SqliteWriter}). Requests queue for the writer, which group-commits them, answers each on the context
 * that asked, and then tells the {@link StoreListener} which outbox messages the batch added and the next timer
 * deadline (after any batch that changed something or ran a timeout pass).
 *
 * <p>Thread-safe: every method may be called from any event loop and never blocks.
 */
public final class EmbeddedStore implements Store {
  private static final String WRITER_THREAD = "sustain-sqlite-writer";

  private final SqliteWriter writer;
  private final Engine engine;
  private final String serverUrl;
  private volatile Registered registered;
  // Read and written only on the writer thread: whether the next commit must report the deadline even if the
  // batch changed nothing (a timeout pass ran, or a listener was just registered).
  private boolean reportDeadline = true;

  private EmbeddedStore(SqliteWriter writer, EmbeddedStoreOptions options) {
    this.writer = writer;
    this.engine = new Engine(options.engine());
    this.serverUrl = options.serverUrl();
    writer.hook(this::committed);
  }

  /**
   * Opens the database file (creating and migrating it as needed) and starts the writer thread. Completes on the
   * caller's context; fails with {@code StoreUnavailableException} if the file cannot be opened.
   */
  public static Future<EmbeddedStore> open(Vertx vertx, EmbeddedStoreOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    return SqliteWriter.open(vertx, options.file(), options.maxQueue(), options.maxBatch(), WRITER_THREAD)
        .map(writer -> new EmbeddedStore(writer, options));
  }

  @Override
  public Future<Outcome> apply(String corrId, RequestData data, long now) {
    return writer.submit(state -> engine.apply(state, corrId, data, now));
  }

  @Override
  public Future<Void> tick(long now) {
    return writer.submit(
        state -> {
          // After a pass the deadline is reported even if unchanged: the timer loop disarmed when it fired.
          reportDeadline = true;
          engine.tick(state, now);
          return null;
        });
  }

  @Override
  public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
    List<OutboxEntry> entries = List.copyOf(delivered);
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    return writer.submit(
        state -> {
          for (OutboxEntry entry : entries) {
            Message message = entry.message();
            if (message instanceof Execute) {
              TaskRef task = ((Execute) message).task();
              // A newer execute for the task replaced the delivered one and must stay queued.
              Optional<ExecuteRow> stored = state.execute(task.id());
              if (stored.isPresent()
                  && stored.get().version() == task.version()
                  && stored.get().address().equals(entry.address())) {
                state.delete(stored.get().key());
              }
            } else {
              Unblock unblock = (Unblock) message;
              state.delete(RowKey.of(Table.OUTBOX_UNBLOCK, unblock.promise().id(), entry.address()));
            }
          }
          return null;
        });
  }

  @Override
  public Future<List<OutboxEntry>> outbox(int limit) {
    return writer.submit(
        state -> {
          List<OutboxEntry> out = new ArrayList<>();
          for (Row row : state.outbox(limit)) {
            message(state, row).ifPresent(out::add);
          }
          return out;
        });
  }

  /**
   * Registers the listener, bound to the calling context (or a context of the store's Vert.x instance when called
   * from elsewhere), and tells it the current next deadline so the timers can arm from a reopened file.
   */
  @Override
  public void listener(StoreListener listener) {
    registered = new Registered(Objects.requireNonNull(listener, "listener"), writer.callerContext());
    writer.submit(
        state -> {
          reportDeadline = true;
          return null;
        });
  }

  @Override
  public Future<Boolean> ready() {
    return writer.submit(SqliteState::selectOne).otherwise(false);
  }

  @Override
  public Future<Void> close() {
    return writer.close();
  }

  /** Runs {@code unit} on the writer like any request; lets this package's tests inspect the file. */
  <T> Future<T> read(SqliteWriter.Unit<T> unit) {
    return writer.submit(unit);
  }

  /** Batches committed so far; with {@link #requestsCommitted()} it gives the average group-commit size. */
  public long batchesCommitted() {
    return writer.batches();
  }

  /** Queued units (requests, ticks, acknowledgements, reads) answered by a commit so far. */
  public long requestsCommitted() {
    return writer.units();
  }

  // ---- writer thread

  private void committed(SqliteState state, ChangeSet batch) {
    Registered to = registered;
    if (to == null) {
      return;
    }
    List<OutboxEntry> messages = new ArrayList<>();
    for (Map.Entry<RowKey, Row> change : batch.changes().entrySet()) {
      Row row = change.getValue();
      if (row instanceof ExecuteRow || row instanceof UnblockRow) {
        message(state, row).ifPresent(messages::add);
      }
    }
    // Reported after every change, not only when it moved: the listener ignores a deadline later than the one it
    // has armed, so it must hear the next one again once that timer has fired.
    boolean tellDeadline = reportDeadline || !batch.isEmpty();
    reportDeadline = false;
    if (messages.isEmpty() && !tellDeadline) {
      return;
    }
    long at = tellDeadline ? state.nextDeadline() : Long.MAX_VALUE;
    to.context()
        .runOnContext(
            v -> {
              if (!messages.isEmpty()) {
                to.listener().committed(messages);
              }
              if (tellDeadline) {
                to.listener().nextDeadline(at);
              }
            });
  }

  private Optional<OutboxEntry> message(SqliteState state, Row row) {
    if (row instanceof ExecuteRow) {
      ExecuteRow e = (ExecuteRow) row;
      return Optional.of(new OutboxEntry(e.address(), new Execute(serverUrl, new TaskRef(e.taskId(), e.version()))));
    }
    UnblockRow u = (UnblockRow) row;
    // The payload is the promise as it is now, which is what the worker must see.
    return state.promise(u.promiseId()).map(p -> new OutboxEntry(u.address(), new Unblock(p)));
  }

  private record Registered(StoreListener listener, Context context) {}
}
