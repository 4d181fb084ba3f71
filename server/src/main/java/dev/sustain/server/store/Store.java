package dev.sustain.server.store;

import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import java.util.Collection;

/**
 * The durable engine behind {@code POST /}: applies protocol requests atomically and durably. Every store
 * (embedded SQLite, PostgreSQL) passes the same contract suite and gives the same answers as the in-memory
 * oracle.
 *
 * <p>Threading: every method may be called from any event loop and never blocks; futures complete on a Vert.x
 * context. A returned future completes only after the change is committed durably.
 */
public interface Store {

  /**
   * Applies one decoded and validated request at time {@code now}. Handles every kind except
   * {@code debug.start}/{@code debug.stop}, which control the server's background loops and never reach the
   * store. {@code corrId} is needed because {@code task.fence} echoes it in its inner response.
   *
   * <p>Fails with {@link StoreUnavailableException} when the database cannot be reached (→ 503).
   */
  Future<Outcome> apply(String corrId, RequestData data, long now);

  /**
   * Runs one background timeout pass (spec §4.5.5: promise timeouts, retry timers, lease timers, schedules) at
   * {@code now}, in one transaction. {@code debug.tick} goes through {@link #apply} instead.
   */
  Future<Void> tick(long now);

  /**
   * Removes delivered messages from the outbox. An execute is removed only if the outbox still holds exactly that
   * message (a newer version replaces it and must stay).
   */
  Future<Void> acknowledge(Collection<OutboxEntry> delivered);

  /** Every message currently in the outbox, oldest first, at most {@code limit}: the redelivery safety net. */
  Future<java.util.List<OutboxEntry>> outbox(int limit);

  /** Registers the single listener told about every commit (messages to deliver, next timer deadline). */
  void listener(StoreListener listener);

  /** Completes with true when a trivial query succeeds (backs {@code GET /ready}). */
  Future<Boolean> ready();

  /** Finishes in-flight work, then closes the database. */
  Future<Void> close();
}
