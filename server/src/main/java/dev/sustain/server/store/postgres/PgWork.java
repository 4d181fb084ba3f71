package dev.sustain.server.store.postgres;

import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.server.core.Engine;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.store.OutboxEntry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;

/**
 * One unit of work a batch runs against its {@link PgBatchState}: a protocol request, a background timeout pass,
 * or an outbox acknowledgement. Holds the caller's promise and context so the answer is delivered on the
 * caller's event loop, and counts attempts for bounded retries.
 *
 * <p>Confined to the store's context.
 */
abstract class PgWork<T> {
  final Promise<T> promise = Promise.promise();
  /** The caller's context, or {@code null} when called from outside Vert.x. */
  final Context caller;
  int attempts;
  /** Run alone: set after a batch failed for a reason that is not a race, to isolate the request at fault. */
  boolean solo;

  PgWork(Context caller) {
    this.caller = caller;
  }

  /** Runs on the batch state; may throw {@link PgBatchState#MISSING} (strict mode) to ask for more rows. */
  abstract T run(Engine engine, PgBatchState state);

  /** Adds the rows this work will certainly read, before any probe; optional. */
  void hint(PgNeeds needs) {}

  /** Whole-table or many-row work that should not share a transaction with ordinary requests. */
  boolean exclusive() {
    return false;
  }

  void complete(T result) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.tryComplete(result);
    } else {
      caller.runOnContext(v -> promise.tryComplete(result));
    }
  }

  void fail(Throwable failure) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.tryFail(failure);
    } else {
      caller.runOnContext(v -> promise.tryFail(failure));
    }
  }

  /** {@code Store.apply}. */
  static final class Request extends PgWork<Outcome> {
    final String corrId;
    final RequestData data;
    final long now;

    Request(Context caller, String corrId, RequestData data, long now) {
      super(caller);
      this.corrId = corrId;
      this.data = data;
      this.now = now;
    }

    @Override
    Outcome run(Engine engine, PgBatchState state) {
      return engine.apply(state, corrId, data, now);
    }

    @Override
    boolean exclusive() {
      return data instanceof DebugReset || data instanceof DebugSnap || data instanceof DebugTick;
    }

    /** The kinds that settle or acquire read the whole neighbourhood of their promise. */
    @Override
    void hint(PgNeeds needs) {
      if (data instanceof PromiseSettle s) {
        needs.promiseNeighbourhood(s.id());
      } else if (data instanceof TaskAcquire a) {
        needs.promiseNeighbourhood(a.id());
      } else if (data instanceof TaskFulfill f) {
        needs.promiseNeighbourhood(f.id());
      } else if (data instanceof TaskSuspend s) {
        needs.promiseNeighbourhood(s.id());
      } else if (data instanceof TaskFence f) {
        needs.promiseNeighbourhood(f.id());
      } else if (data instanceof PromiseRegisterCallback c) {
        needs.promiseNeighbourhood(c.awaited());
      }
    }
  }

  /** {@code Store.tick}: one background pass. */
  static final class Tick extends PgWork<Void> {
    final long now;

    Tick(Context caller, long now) {
      super(caller);
      this.now = now;
    }

    @Override
    Void run(Engine engine, PgBatchState state) {
      engine.tick(state, now);
      return null;
    }

    @Override
    boolean exclusive() {
      return true;
    }
  }

  /** {@code Store.acknowledge}: an execute goes only if the queued one is still exactly the delivered one. */
  static final class Acknowledge extends PgWork<Void> {
    final List<OutboxEntry> delivered;

    Acknowledge(Context caller, Collection<OutboxEntry> delivered) {
      super(caller);
      this.delivered = List.copyOf(delivered);
    }

    @Override
    Void run(Engine engine, PgBatchState state) {
      for (OutboxEntry entry : delivered) {
        if (entry.message() instanceof Execute e) {
          state
              .execute(e.task().id())
              .filter(q -> q.version() == e.task().version() && q.address().equals(entry.address()))
              .map(ExecuteRow::key)
              .ifPresent(state::delete);
        } else if (entry.message() instanceof Unblock u) {
          state.unblock(u.promise().id(), entry.address()).ifPresent(q -> state.delete(q.key()));
        }
      }
      return null;
    }
  }
}
