package dev.sustain.server.routing;

import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * The store as the rpc layer sees it: every {@code task.acquire}, {@code task.release} and {@code task.fulfill} it
 * applies tells the {@link Router} that a worker reacted to the task's execute
 * ({@link Router#executeConsumed}), whatever the answer (a 409 still means the execute was consumed); a
 * {@code debug.reset} also resets the router's memory of messages ({@link Router#storeReset}). Everything else
 * passes straight through.
 *
 * <p>Threading: as the wrapped store; the router hook hops onto the router's context.
 */
public final class ConsumptionTrackingStore implements Store {
  private final Store store;
  private final Router router;

  public ConsumptionTrackingStore(Store store, Router router) {
    this.store = store;
    this.router = router;
  }

  @Override
  public Future<Outcome> apply(String corrId, RequestData data, long now) {
    if (data instanceof TaskAcquire acquire) {
      router.executeConsumed(acquire.id());
    } else if (data instanceof TaskRelease release) {
      router.executeConsumed(release.id());
    } else if (data instanceof TaskFulfill fulfill) {
      router.executeConsumed(fulfill.id());
    } else if (data instanceof DebugReset) {
      return store.apply(corrId, data, now).compose(outcome -> router.storeReset().map(outcome));
    }
    return store.apply(corrId, data, now);
  }

  @Override
  public Future<Void> tick(long now) {
    return store.tick(now);
  }

  @Override
  public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
    return store.acknowledge(delivered);
  }

  @Override
  public Future<List<OutboxEntry>> outbox(int limit) {
    return store.outbox(limit);
  }

  @Override
  public void listener(StoreListener listener) {
    store.listener(listener);
  }

  @Override
  public Future<Boolean> ready() {
    return store.ready();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
