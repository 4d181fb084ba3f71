package dev.sustain.server.store.memory;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.server.core.Engine;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.MemoryState;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.UnblockRow;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A non-durable {@link Store}: the pure {@link Engine} on a {@link MemoryState}, for development and tests
 * ({@code --store memory}). Everything is lost when the process exits. "Commit" is the engine returning, so the
 * listener hears about messages and deadlines right after each request and each pass.
 *
 * <p>Threading: the state is confined to one Vert.x context; calls from other contexts hop onto it, and
 * futures complete back on the caller's context when it has one. A request the engine fails on with an exception
 * may leave its partial changes in memory: there is no transaction to roll back.
 */
public final class MemoryStore implements Store {
  private static final StoreListener SILENT = new StoreListener() {
    @Override
    public void committed(List<OutboxEntry> messages) {}

    @Override
    public void nextDeadline(long at) {}
  };

  private final Context context;
  private final Engine engine;
  private final String serverUrl;
  private final MemoryState state = new MemoryState();
  private volatile StoreListener listener = SILENT;
  private volatile boolean closed;

  /**
   * @param context the context that owns the state
   * @param serverUrl sent as {@code serverUrl} in execute messages handed to the listener
   */
  public MemoryStore(Context context, EngineConfig config, String serverUrl) {
    this.context = Objects.requireNonNull(context, "context");
    this.engine = new Engine(config);
    this.serverUrl = serverUrl;
  }

  @Override
  public Future<Outcome> apply(String corrId, RequestData data, long now) {
    return onContext(() -> {
      Outcome outcome = engine.apply(state, corrId, data, now);
      committed();
      return outcome;
    });
  }

  @Override
  public Future<Void> tick(long now) {
    return onContext(() -> {
      engine.tick(state, now);
      committed();
      return null;
    });
  }

  @Override
  public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
    return onContext(() -> {
      for (OutboxEntry entry : delivered) {
        if (entry.message() instanceof Execute execute) {
          TaskRef task = execute.task();
          // A newer version replaced the delivered execute; it has not been delivered yet and must stay.
          state.execute(task.id())
              .filter(row -> row.version() == task.version() && row.address().equals(entry.address()))
              .ifPresent(row -> state.delete(row.key()));
        } else if (entry.message() instanceof Unblock unblock) {
          state.delete(RowKey.of(Table.OUTBOX_UNBLOCK, unblock.promise().id(), entry.address()));
        }
      }
      state.changes().clear();
      return null;
    });
  }

  /** The outbox in key order (executes by task id, then unblocks): memory rows carry no insertion time. */
  @Override
  public Future<List<OutboxEntry>> outbox(int limit) {
    return onContext(() -> {
      List<OutboxEntry> out = new ArrayList<>();
      for (Table table : List.of(Table.OUTBOX_EXECUTE, Table.OUTBOX_UNBLOCK)) {
        for (Row row : state.rows(table)) {
          if (out.size() >= limit) {
            return out;
          }
          out.add(entry(row));
        }
      }
      return out;
    });
  }

  @Override
  public void listener(StoreListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Future<Boolean> ready() {
    return Future.succeededFuture(!closed);
  }

  @Override
  public Future<Void> close() {
    return onContext(() -> {
      closed = true;
      return null;
    });
  }

  /** Tells the listener what the change just applied queued, and the earliest deadline after it. */
  private void committed() {
    List<OutboxEntry> messages = new ArrayList<>();
    for (Map.Entry<RowKey, Row> change : state.changes().changes().entrySet()) {
      Row row = change.getValue();
      if (row instanceof ExecuteRow || row instanceof UnblockRow) {
        messages.add(entry(row));
      }
    }
    state.changes().clear();
    StoreListener current = listener;
    if (!messages.isEmpty()) {
      current.committed(List.copyOf(messages));
    }
    // Always reported, also when it moved later (after a pass): the timer loop re-arms from it.
    current.nextDeadline(state.nextDeadline());
  }

  private OutboxEntry entry(Row row) {
    if (row instanceof ExecuteRow execute) {
      return new OutboxEntry(execute.address(),
          new Execute(serverUrl, new TaskRef(execute.taskId(), execute.version())));
    }
    UnblockRow unblock = (UnblockRow) row;
    PromiseRecord promise = state.promise(unblock.promiseId())
        .orElseThrow(() -> new IllegalStateException("unblock queued for missing promise " + unblock.promiseId()));
    return new OutboxEntry(unblock.address(), new Unblock(promise));
  }

  /** Runs {@code work} on the owning context; the future completes on the caller's context if it has one. */
  private <T> Future<T> onContext(Supplier<T> work) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        deliver(caller, promise, null, new IllegalStateException("store closed"));
        return;
      }
      T result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        state.changes().clear();
        deliver(caller, promise, null, e);
        return;
      }
      deliver(caller, promise, result, null);
    });
    return promise.future();
  }

  private <T> void deliver(Context caller, Promise<T> promise, T result, Throwable failure) {
    if (caller == null || caller == context) {
      complete(promise, result, failure);
    } else {
      caller.runOnContext(v -> complete(promise, result, failure));
    }
  }

  private static <T> void complete(Promise<T> promise, T result, Throwable failure) {
    if (failure == null) {
      promise.complete(result);
    } else {
      promise.fail(failure);
    }
  }
}
