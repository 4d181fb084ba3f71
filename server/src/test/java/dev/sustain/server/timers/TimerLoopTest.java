package dev.sustain.server.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import dev.sustain.server.store.memory.MemoryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timer loop against a real {@link MemoryStore} on a real Vert.x: with a poll interval far longer than the
 * test, a timeout can only fire through the next-due timer the store's deadline armed.
 */
class TimerLoopTest {
  private static final long NEVER = 600_000L;
  private static final String ADDRESS = "poll://any@default";

  private final Vertx vertx = Vertx.vertx();
  private final Clock clock = Clock.system();
  private final LinkedBlockingQueue<OutboxEntry> delivered = new LinkedBlockingQueue<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theNextDueTimerFiresAtTheStoresDeadline() throws Exception {
    Context context = vertx.getOrCreateContext();
    MemoryStore store = new MemoryStore(context, EngineConfig.DEFAULTS, null);
    TimerLoop timers = new TimerLoop(vertx, context, store, clock, delivered::addAll, NEVER);
    store.listener(timers);
    await(timers.start());

    long created = clock.now();
    listenedPromise(store, "p", created + 300);

    OutboxEntry entry = delivered.poll(5, TimeUnit.SECONDS);
    long fired = clock.now();
    assertTrue(entry != null, "the timeout fired without a safety tick");
    assertTrue(fired >= created + 300, "not before the deadline: " + (fired - created) + " ms");
    Unblock unblock = assertInstanceOf(Unblock.class, entry.message());
    assertEquals("p", unblock.promise().id());
    assertEquals(PromiseState.REJECTED_TIMEDOUT, unblock.promise().state());
    assertEquals(ADDRESS, entry.address());
    await(timers.stop());
  }

  @Test
  void pausedLoopsNeitherTickNorDeliverUntilResumed() throws Exception {
    Context context = vertx.getOrCreateContext();
    MemoryStore store = new MemoryStore(context, EngineConfig.DEFAULTS, null);
    TimerLoop timers = new TimerLoop(vertx, context, store, clock, delivered::addAll, NEVER);
    store.listener(timers);
    await(timers.start());
    await(timers.pause());

    listenedPromise(store, "q", clock.now() + 100);
    assertEquals(null, delivered.poll(600, TimeUnit.MILLISECONDS), "nothing happens while paused");

    await(timers.resume());
    OutboxEntry entry = delivered.poll(5, TimeUnit.SECONDS);
    assertTrue(entry != null, "resuming runs the overdue pass");
    assertEquals("q", ((Unblock) entry.message()).promise().id());
    await(timers.stop());
  }

  @Test
  void neverMoreThanOnePassInFlight() throws Exception {
    Context context = vertx.getOrCreateContext();
    SlowTickStore store = new SlowTickStore(vertx);
    TimerLoop timers = new TimerLoop(vertx, context, store, clock, delivered::addAll, 20);
    await(timers.start());
    for (int i = 0; i < 50; i++) {
      timers.nextDeadline(clock.now() - 1);
      Thread.sleep(2);
    }
    Thread.sleep(500);
    await(timers.stop());
    assertEquals(1, store.maxConcurrent.get(), "one pass at a time");
    assertTrue(store.started.get() >= 2, "passes ran: " + store.started.get());
    assertEquals(0, store.running.get(), "stop waited for the pass in flight");
  }

  @Test
  void pauseWaitsForThePassInFlight() throws Exception {
    Context context = vertx.getOrCreateContext();
    SlowTickStore store = new SlowTickStore(vertx);
    TimerLoop timers = new TimerLoop(vertx, context, store, clock, delivered::addAll, NEVER);
    await(timers.start());
    assertEquals(1, store.running.get(), "start runs a first pass at once");
    await(timers.pause());
    assertEquals(0, store.running.get(), "debug.start answers only once no pass is running");
    await(timers.stop());
  }

  private void listenedPromise(Store store, String id, long timeoutAt) throws Exception {
    long now = clock.now();
    apply(store, new PromiseCreate(id, timeoutAt, null, null), now);
    apply(store, new PromiseRegisterListener(id, ADDRESS), now);
  }

  private static void apply(Store store, RequestData data, long now) throws Exception {
    Outcome outcome = await(store.apply("c", data, now));
    assertEquals(200, outcome.status(), outcome.toString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A fake store whose timeout pass takes 50 ms and which counts overlapping passes. */
  private static final class SlowTickStore implements Store {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    private final Vertx vertx;

    SlowTickStore(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public Future<Void> tick(long now) {
      started.incrementAndGet();
      maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Void> done = Promise.promise();
      vertx.setTimer(50, id -> {
        running.decrementAndGet();
        done.complete();
      });
      return done.future();
    }

    @Override
    public Future<Outcome> apply(String corrId, RequestData data, long now) {
      throw new UnsupportedOperationException("the timer loop only ticks");
    }

    @Override
    public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
      throw new UnsupportedOperationException("the timer loop only ticks");
    }

    @Override
    public Future<List<OutboxEntry>> outbox(int limit) {
      throw new UnsupportedOperationException("the timer loop only ticks");
    }

    @Override
    public void listener(StoreListener listener) {}

    @Override
    public Future<Boolean> ready() {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
