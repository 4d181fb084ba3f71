package dev.sustain.client;

import static dev.sustain.client.Futures.await;
import static dev.sustain.client.Futures.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.transport.websocket.WebSocketConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that stops reading its socket while it keeps asking for large answers: the server must stop reading
 * it, keep its own outbound memory under the configured caps, stop giving it work, finally close it, and serve
 * a well-behaved member of the same group throughout.
 */
class SlowConsumerIT {
  private static final int SOFT = 64 * 1024;
  private static final int HARD = 256 * 1024;
  private static final int BIG = 64 * 1024;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void aConsumerThatStopsReadingIsBoundedAndClosedWhileOthersCarryOn() throws Exception {
    WebSocketConfig limits = WebSocketConfig.DEFAULT
        .withMaxInFlight(16)
        .withWriteQueue(SOFT, HARD)
        .withKeepAlive(500, 2_000);
    try (TestServer server = TestServer.start(limits, "--tasks-retry-timeout", "500",
        "--timeouts-poll-interval", "100")) {
      SustainClient caller = SustainClient.create(vertx, new ClientOptions().setUrl(server.url())
          .setTransport(TransportKind.WEBSOCKET));
      String payload = "x".repeat(BIG);
      await(caller.promiseCreate(new PromiseCreate("big", System.currentTimeMillis() + 600_000,
          new Value(null, payload), Map.of())));

      WebSocketClient raw = vertx.createWebSocketClient();
      WebSocket slow = await(raw.connect(new WebSocketConnectOptions().setPort(server.port())
          .setHost("localhost").setURI("/ws/slow/stuck")));
      slow.pause();
      TestWorker healthy = new TestWorker(vertx, server.url(), TransportKind.WEBSOCKET, "slow", "healthy", 60_000);
      assertTrue(eventually(5_000, () -> server.server().webSocket().connections() == 3));

      AtomicLong maxQueued = new AtomicLong();
      long sampler = vertx.setPeriodic(5, id ->
          maxQueued.accumulateAndGet(server.server().webSocket().queuedBytes(), Math::max));

      // The slow consumer keeps asking for ~64 KiB answers it never reads: ~50 MiB if the server buffered them.
      ProtocolCodec codec = ProtocolCodec.DEFAULT;
      for (int i = 0; i < 800; i++) {
        byte[] get = codec.encodeRequest(new Request<>(RequestHead.of("slow-" + i, ProtocolVersion.CURRENT),
            new PromiseGet("big")));
        slow.writeTextMessage(new String(get, StandardCharsets.UTF_8));
      }

      int tasks = 40;
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        created.add(caller.promiseCreate(new PromiseCreate("slow-task-" + i, System.currentTimeMillis() + 600_000,
            Value.EMPTY, Map.of(Tags.TARGET, "poll://any@slow"))));
      }
      await(Future.all(created));

      long probeStarted = System.nanoTime();
      await(caller.promiseGet(new PromiseGet("slow-task-0")));
      long probeMs = (System.nanoTime() - probeStarted) / 1_000_000;
      assertTrue(probeMs < 5_000, "other clients are served promptly while one stalls: " + probeMs + " ms");

      assertTrue(eventually(20_000, () -> healthy.completed.size() == tasks),
          "the healthy member did all the work: " + healthy.completed.size() + "/" + tasks);
      // Observed on the server: a paused client would not even run its own close handler.
      assertTrue(eventually(10_000, () -> server.server().webSocket().connections() == 2),
          "the server closed the slow consumer (max unflushed " + maxQueued.get() + " bytes)");
      assertEquals(1, await(server.server().routerStats()).connections(), "only the healthy member is registered");
      vertx.cancelTimer(sampler);

      // Per socket the queue may reach the hard cap plus one answer; the other sockets hold a few small frames.
      long bound = HARD + BIG + 16 * 1024;
      System.out.println("[measure] slow consumer: max unflushed bytes on the server " + maxQueued.get()
          + " (bound " + bound + ")");
      assertTrue(maxQueued.get() <= bound, "server outbound memory stayed bounded: " + maxQueued.get());
      assertTrue(maxQueued.get() >= SOFT, "the slow consumer really backed the server up: " + maxQueued.get());
      await(healthy.close());
      await(caller.close());
      await(raw.close());
    }
  }
}
