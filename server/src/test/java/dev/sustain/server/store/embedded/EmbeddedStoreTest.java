package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.StoreListener;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbeddedStore} end to end on a real file: the engine behind the writer, dispatch on commit, the outbox,
 * acknowledgements, durability across reopen, group commit under concurrent load.
 */
class EmbeddedStoreTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String SERVER_URL = "http://localhost:8001";
  private static final String GROUP = "poll://any@default";

  @TempDir Path dir;
  private Vertx vertx;
  private EmbeddedStore store;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = open();
  }

  @AfterEach
  void stop() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  private EmbeddedStore open() throws Exception {
    return await(
        EmbeddedStore.open(
            vertx, new EmbeddedStoreOptions(dir.resolve("sustain.db"), EngineConfig.DEFAULTS, SERVER_URL, 4096, 512)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static PromiseCreate create(String id, long timeoutAt, Map<String, String> tags) {
    return new PromiseCreate(id, timeoutAt, Value.of("cGFyYW0="), tags);
  }

  private PromiseRecord get(String id) throws Exception {
    Outcome outcome = await(store.apply("c", new PromiseGet(id), T0));
    assertEquals(200, outcome.status(), () -> "promise.get " + id + ": " + outcome);
    return ((PromiseGetResult) outcome.data()).promise();
  }

  /** Records what the store tells its listener, and on which context. */
  private static final class RecordingListener implements StoreListener {
    final LinkedBlockingQueue<List<OutboxEntry>> committed = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Long> deadlines = new LinkedBlockingQueue<>();
    final ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();

    @Override
    public void committed(List<OutboxEntry> messages) {
      contexts.add(Vertx.currentContext());
      committed.add(messages);
    }

    @Override
    public void nextDeadline(long at) {
      contexts.add(Vertx.currentContext());
      deadlines.add(at);
    }
  }

  /** Waits until the listener is told {@code expected}, skipping earlier reports; fails after 10 s. */
  private static void awaitDeadline(RecordingListener listener, long expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Long> seen = new ArrayList<>();
    while (System.nanoTime() < until) {
      Long at = listener.deadlines.poll(100, TimeUnit.MILLISECONDS);
      if (at != null && at == expected) {
        return;
      }
      if (at != null) {
        seen.add(at);
      }
    }
    throw new AssertionError("deadline " + expected + " never reported; saw " + seen);
  }

  private RecordingListener listenOn(Context context) throws Exception {
    RecordingListener listener = new RecordingListener();
    CompletableFuture<Void> registered = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          store.listener(listener);
          registered.complete(null);
        });
    registered.get(10, TimeUnit.SECONDS);
    return listener;
  }

  @Test
  void aCommittedCreateIsAnsweredAndSurvivesReopeningTheFile() throws Exception {
    Outcome created = await(store.apply("c1", create("p", T0 + 60_000, Map.of("k", "v")), T0));
    assertEquals(200, created.status());
    PromiseRecord promise = ((PromiseCreateResult) created.data()).promise();
    assertEquals(PromiseState.PENDING, promise.state());

    await(store.close());
    store = open();
    assertEquals(promise, get("p"));
  }

  @Test
  void theListenerHearsExecutesAndUnblocksAfterCommitOnItsOwnContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    RecordingListener listener = listenOn(context);
    assertEquals(Long.MAX_VALUE, listener.deadlines.poll(10, TimeUnit.SECONDS), "initial deadline of an empty file");
    assertTrue(listener.deadlines.isEmpty());

    await(store.apply("c1", create("job", T0 + 60_000, Map.of(Tags.TARGET, GROUP)), T0));
    List<OutboxEntry> first = listener.committed.poll(10, TimeUnit.SECONDS);
    assertEquals(List.of(new OutboxEntry(GROUP, new Execute(SERVER_URL, new TaskRef("job", 0)))), first);
    // The task's retry timer is earliest.
    awaitDeadline(listener, T0 + 30_000);

    await(store.apply("c2", new PromiseRegisterListener("job", "poll://uni@default/caller"), T0));
    Outcome settled =
        await(store.apply("c3", new PromiseSettle("job", SettleState.RESOLVED, Value.of("ZG9uZQ==")), T0 + 1));
    assertEquals(200, settled.status());
    PromiseRecord resolved = get("job");
    List<OutboxEntry> unblock = listener.committed.poll(10, TimeUnit.SECONDS);
    assertEquals(List.of(new OutboxEntry("poll://uni@default/caller", new Unblock(resolved))), unblock);
    // Nothing is armed once the promise settled.
    awaitDeadline(listener, Long.MAX_VALUE);

    for (Context c : listener.contexts) {
      assertTrue(c == context, "listener called off its context");
    }
  }

  @Test
  void theOutboxListsUndeliveredMessagesAndAcknowledgeRemovesOnlyTheDeliveredVersion() throws Exception {
    await(store.apply("c1", create("a", T0 + 60_000, Map.of(Tags.TARGET, GROUP)), T0));
    await(store.apply("c2", create("b", T0 + 60_000, Map.of(Tags.TARGET, GROUP)), T0));
    OutboxEntry a0 = new OutboxEntry(GROUP, new Execute(SERVER_URL, new TaskRef("a", 0)));
    OutboxEntry b0 = new OutboxEntry(GROUP, new Execute(SERVER_URL, new TaskRef("b", 0)));
    assertEquals(List.of(a0, b0), await(store.outbox(10)));
    assertEquals(List.of(a0), await(store.outbox(1)));

    // The retry pass re-enqueues execute(v0) for still-pending tasks; an ack for a stale version is ignored.
    OutboxEntry staleA = new OutboxEntry(GROUP, new Execute(SERVER_URL, new TaskRef("a", 7)));
    OutboxEntry otherAddress = new OutboxEntry("http://elsewhere", new Execute(SERVER_URL, new TaskRef("b", 0)));
    await(store.acknowledge(List.of(staleA, otherAddress)));
    assertEquals(List.of(a0, b0), await(store.outbox(10)));

    await(store.acknowledge(List.of(a0)));
    assertEquals(List.of(b0), await(store.outbox(10)));

    await(store.close());
    store = open();
    assertEquals(List.of(b0), await(store.outbox(10)), "undelivered messages survive a restart");
  }

  @Test
  void tickRunsTheTimeoutPassAndTheListenerSeesTheRetry() throws Exception {
    RecordingListener listener = listenOn(vertx.getOrCreateContext());
    awaitDeadline(listener, Long.MAX_VALUE);
    await(store.apply("c1", create("job", T0 + 600_000, Map.of(Tags.TARGET, GROUP)), T0));
    assertEquals(1, listener.committed.poll(10, TimeUnit.SECONDS).size());
    await(store.acknowledge(await(store.outbox(10))));
    assertEquals(List.of(), await(store.outbox(10)));

    await(store.tick(T0 + 30_000));
    assertEquals(
        List.of(new OutboxEntry(GROUP, new Execute(SERVER_URL, new TaskRef("job", 0)))),
        listener.committed.poll(10, TimeUnit.SECONDS),
        "the retry timer re-announced the pending task");
    assertEquals(1, await(store.outbox(10)).size());

    Outcome acquired = await(store.apply("c2", new TaskAcquire("job", 0, "worker-1", 60_000), T0 + 30_001));
    assertEquals(200, acquired.status(), () -> acquired.toString());
  }

  @Test
  void everyTimeoutPassReportsTheDeadlineEvenWhenItDidNotMove() throws Exception {
    RecordingListener listener = listenOn(vertx.getOrCreateContext());
    awaitDeadline(listener, Long.MAX_VALUE);
    await(store.apply("c1", create("p", T0 + 60_000, Map.of()), T0));
    awaitDeadline(listener, T0 + 60_000);
    await(store.apply("c2", new PromiseGet("p"), T0 + 1));

    // A pass that finds nothing due changes nothing, yet the listener must hear the deadline again: its timer
    // for that deadline may be the one that just fired.
    listener.deadlines.clear();
    await(store.tick(T0 + 10));
    awaitDeadline(listener, T0 + 60_000);
  }

  @Test
  void aRequestTheEngineRejectsWithAnExceptionFailsAloneAmongConcurrentOnes() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<Future<Outcome>>> submitted = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          List<Future<Outcome>> all = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            all.add(store.apply("c" + i, i == 10 ? new DebugStart() : create("p" + i, T0 + 60_000, Map.of()), T0));
          }
          submitted.complete(all);
        });
    List<Future<Outcome>> all = submitted.get(10, TimeUnit.SECONDS);
    for (int i = 0; i < all.size(); i++) {
      if (i == 10) {
        try {
          await(all.get(i));
          throw new AssertionError("debug.start reached the engine and did not fail");
        } catch (ExecutionException e) {
          assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
      } else {
        assertEquals(200, await(all.get(i)).status());
      }
    }
    assertEquals(PromiseState.PENDING, get("p11").state());
  }

  @Test
  void oneThousandConcurrentRequestsFromSeveralEventLoopsShareFewCommits() throws Exception {
    int loops = 4;
    int perLoop = 250;
    long batchesBefore = store.batchesCommitted();
    long unitsBefore = store.requestsCommitted();
    ConcurrentLinkedQueue<String> offContext = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    long started = System.nanoTime();
    for (int l = 0; l < loops; l++) {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Void> loopDone = new CompletableFuture<>();
      done.add(loopDone);
      int loop = l;
      context.runOnContext(
          v -> {
            List<Future<Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < perLoop; i++) {
              String id = "l" + loop + "/" + i;
              answers.add(
                  store
                      .apply(id, create(id, T0 + 60_000, Map.of(Tags.TARGET, GROUP)), T0)
                      .andThen(
                          ar -> {
                            if (Vertx.currentContext() != context || !ar.succeeded() || ar.result().status() != 200) {
                              offContext.add(id);
                            }
                          }));
            }
            Future.all(answers).onComplete(ar -> loopDone.complete(null));
          });
    }
    CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;
    long batches = store.batchesCommitted() - batchesBefore;
    long units = store.requestsCommitted() - unitsBefore;
    System.getLogger(getClass().getName())
        .log(
            System.Logger.Level.INFO,
            String.format(
                "embedded store: %d requests in %d commits (avg %.1f per commit) in %.3f s, %.0f requests/s",
                units, batches, (double) units / batches, seconds, units / seconds));
    assertTrue(offContext.isEmpty(), "failed or answered off the submitting context: " + offContext);
    assertEquals(loops * perLoop, units);
    assertTrue(batches < units / 2, "group commit should answer many requests per commit, got " + batches);
    assertEquals(loops * perLoop, await(store.outbox(10_000)).size());
  }

  @Test
  void readyAnswersWhileOpenAndClosingIsIdempotent() throws Exception {
    assertTrue(await(store.ready()));
    await(store.close());
    await(store.close());
    assertFalse(await(store.ready()));
    try {
      await(store.apply("c", new PromiseGet("x"), T0));
      throw new AssertionError("a closed store answered");
    } catch (ExecutionException e) {
      assertInstanceOf(StoreUnavailableException.class, e.getCause());
    }
  }
}
