package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.server.config.DeliveryConfig;
import dev.sustain.server.config.PollConfig;
import dev.sustain.server.config.PushConfig;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.memory.MemoryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpPush} against a real local HTTP endpoint. */
class HttpPushIT {

  private Vertx vertx;
  private Vertx hookVertx;
  private int port;
  private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    hookVertx = Vertx.vertx();
    port = await(hookVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      bodies.add(body.toString(StandardCharsets.UTF_8));
      switch (request.path()) {
        case "/ok" -> request.response().setStatusCode(202).end();
        case "/fail" -> request.response().setStatusCode(503).end();
        default -> held.add(request);
      }
    })).listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    await(hookVertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Waits for a push and tells whether it counted as delivered. */
  private static boolean delivered(Future<Void> push) throws Exception {
    Promise<Boolean> outcome = Promise.promise();
    push.onComplete(ar -> outcome.complete(ar.succeeded()));
    return await(outcome.future());
  }

  /** Runs on one context, as the router does. */
  private <T> T on(Context context, Supplier<T> action) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(action.get()));
    return await(result.future());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Test
  void a2xxIsADeliveryAndAnythingElseAFailure() throws Exception {
    Context context = vertx.getOrCreateContext();
    HttpPush push = on(context, () -> new HttpPush(vertx, PushConfig.DEFAULT));
    byte[] body = "{\"kind\":\"execute\"}".getBytes(StandardCharsets.UTF_8);
    assertTrue(delivered(on(context, () -> push.push(url("/ok"), body))));
    assertTrue(!delivered(on(context, () -> push.push(url("/fail"), body))));
    assertEquals(List.of("{\"kind\":\"execute\"}", "{\"kind\":\"execute\"}"), bodies);
  }

  @Test
  void concurrencyAndQueueAreBoundedAndAFullQueueFailsAtOnce() throws Exception {
    Context context = vertx.getOrCreateContext();
    HttpPush push = on(context, () -> new HttpPush(vertx, new PushConfig(true, 2, 1, 5_000, 30_000)));
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    List<Future<Void>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(on(context, () -> push.push(url("/hold"), body)));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (held.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
    assertEquals(2, held.size(), "two requests in flight, the third waits");
    assertTrue(results.get(3).failed(), "the fourth finds the queue full");
    assertEquals(3, (int) on(context, push::pending));

    held.get(0).response().end();
    deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (held.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(3, held.size(), "a finished request lets the queued one start");
    await(results.get(0));
    held.subList(1, held.size()).forEach(r -> r.response().end());
    await(results.get(1));
    await(results.get(2));
    assertEquals(0, (int) on(context, push::pending));
  }

  @Test
  void theRouterRemembersAFailedPushAndStillSendsAFreshCommitOfItAtOnce() throws Exception {
    Router router = new Router(vertx, vertx.getOrCreateContext(),
        new MemoryStore(vertx.getOrCreateContext(), EngineConfig.DEFAULTS, "http://sustain"), ProtocolCodec.DEFAULT,
        "http://sustain", PollConfig.DEFAULT, PushConfig.DEFAULT, DeliveryConfig.DEFAULT,
        new SplittableRandom(3));
    await(router.start());
    OutboxEntry entry = new OutboxEntry(url("/fail"), new Execute(null, new TaskRef("t1", 0)));
    router.deliver(List.of(entry));
    waitFor(() -> bodies.size() == 1 && stats(router).held() == 1 && stats(router).inFlight() == 0);
    assertTrue(bodies.get(0).contains("\"serverUrl\":\"http://sustain\""), bodies.get(0));
    router.deliver(List.of(entry));
    waitFor(() -> bodies.size() == 2);
    await(router.close());
  }

  private static Router.Stats stats(Router router) {
    try {
      return await(router.stats());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void anUnansweredRequestTimesOutAndAnUnreachableHostFails() throws Exception {
    Context context = vertx.getOrCreateContext();
    HttpPush push = on(context, () -> new HttpPush(vertx, new PushConfig(true, 4, 4, 1_000, 300)));
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    assertTrue(!delivered(on(context, () -> push.push(url("/hold"), body))));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "the request timeout ended it");
    assertTrue(!delivered(on(context, () -> push.push("http://127.0.0.1:1/x", body))));
    assertEquals(0, (int) on(context, push::pending));
  }
}
