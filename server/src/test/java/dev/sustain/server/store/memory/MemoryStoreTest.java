package dev.sustain.server.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.model.Tags;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.StoreListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the memory store adds to the engine: the listener calls, the outbox view and acknowledgement. */
class MemoryStoreTest {
  private static final String TARGET = "poll://any@default";
  private static final String URL = "http://sustain.test:8001";

  private final Vertx vertx = Vertx.vertx();
  private final MemoryStore store = new MemoryStore(vertx.getOrCreateContext(), EngineConfig.DEFAULTS, URL);
  private final List<OutboxEntry> committed = new ArrayList<>();
  private final List<Long> deadlines = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void tellsTheListenerWhatEachChangeQueuedAndTheNextDeadline() throws Exception {
    store.listener(recorder());
    await(store.apply("c1", new PromiseCreate("p", 50_000, null, Map.of(Tags.TARGET, TARGET)), 1_000));
    assertEquals(1, committed.size());
    Execute execute = assertInstanceOf(Execute.class, committed.get(0).message());
    assertEquals(URL, execute.serverUrl());
    assertEquals("p", execute.task().id());
    assertEquals(0, execute.task().version());
    assertEquals(TARGET, committed.get(0).address());
    assertEquals(List.of(31_000L), deadlines, "the task's retry timer (R after now) comes before the timeout");
  }

  @Test
  void acknowledgingRemovesOnlyTheDeliveredVersion() throws Exception {
    await(store.apply("c1", new PromiseCreate("p", 500_000, null, Map.of(Tags.TARGET, TARGET)), 1_000));
    OutboxEntry v0 = await(store.outbox(10)).get(0);
    await(store.apply("c2", new TaskAcquire("p", 0, "w", 60_000), 2_000));
    await(store.apply("c3", new TaskRelease("p", 1), 3_000));
    List<OutboxEntry> queued = await(store.outbox(10));
    assertEquals(1, queued.size());
    assertEquals(1, ((Execute) queued.get(0).message()).task().version(), "the release queued version 1");

    await(store.acknowledge(List.of(v0)));
    assertEquals(queued, await(store.outbox(10)), "an older delivery leaves the newer execute queued");
    await(store.acknowledge(queued));
    assertTrue(await(store.outbox(10)).isEmpty());
  }

  @Test
  void isReadyUntilClosed() throws Exception {
    assertTrue(await(store.ready()));
    await(store.close());
    assertFalse(await(store.ready()));
  }

  private StoreListener recorder() {
    return new StoreListener() {
      @Override
      public void committed(List<OutboxEntry> messages) {
        committed.addAll(messages);
      }

      @Override
      public void nextDeadline(long at) {
        deadlines.add(at);
      }
    };
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
