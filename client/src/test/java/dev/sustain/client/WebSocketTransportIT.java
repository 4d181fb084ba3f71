package dev.sustain.client;

import static dev.sustain.client.Futures.await;
import static dev.sustain.client.Futures.eventually;
import static dev.sustain.client.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's transports over real sockets: concurrency on one socket, drops and server restarts. */
class WebSocketTransportIT {
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
  void aThousandConcurrentRequestsOnOneSocketAreAllAnswered() throws Exception {
    try (TestServer server = TestServer.start()) {
      SustainClient client = SustainClient.create(vertx, new ClientOptions()
          .setUrl(server.url()).setTransport(TransportKind.WEBSOCKET));
      int n = 1_000;
      long timeoutAt = System.currentTimeMillis() + 600_000;
      // Two rounds: the first pays for class loading and JIT warm-up, the second shows the transport.
      for (String round : List.of("cold", "warm")) {
        long started = System.nanoTime();
        List<Future<PromiseCreateResult>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          all.add(client.promiseCreate(new PromiseCreate(round + "-" + i, timeoutAt, Value.EMPTY, Map.of())));
        }
        assertTrue(client.inFlight() > 1, "requests were pipelined, not sent one by one");
        await(Future.all(all), 30_000);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < n; i++) {
          assertEquals(round + "-" + i, all.get(i).result().promise().id(), "answer " + i + " matched");
        }
        assertEquals(0, client.inFlight());
        System.out.println("[measure] 1000 concurrent promise.create over one WebSocket (" + round + "): "
            + elapsedMs + " ms");
      }
      assertEquals(1, server.server().webSocket().connections(), "everything went over one socket");
      await(client.close());
    }
  }

  @Test
  void aMebibyteRequestAndAnswerTravelAsFragmentedMessages() throws Exception {
    try (TestServer server = TestServer.start()) {
      SustainClient client = SustainClient.create(vertx, new ClientOptions()
          .setUrl(server.url()).setTransport(TransportKind.WEBSOCKET));
      String data = "y".repeat(1024 * 1024);
      await(client.promiseCreate(new PromiseCreate("large", System.currentTimeMillis() + 600_000,
          new Value(null, data), Map.of())));
      assertEquals(data, await(client.promiseGet(new PromiseGet("large"))).promise().param().data());
      await(client.close());
    }
  }

  @Test
  void aClientWithAWorkerIdRegistersOnlyOnceItSubscribes() throws Exception {
    try (TestServer server = TestServer.start()) {
      SustainClient client = SustainClient.create(vertx, new ClientOptions().setUrl(server.url())
          .setTransport(TransportKind.WEBSOCKET).setGroup("late").setId("w1"));
      await(client.promiseCreate(new PromiseCreate("late-1", System.currentTimeMillis() + 600_000, Value.EMPTY,
          Map.of(Tags.TARGET, "poll://uni@late/w1"))));
      assertEquals(0, connectionsQuietly(server), "requests alone do not register a worker");
      assertEquals(1, server.server().webSocket().connections());

      List<Message> received = new CopyOnWriteArrayList<>();
      client.messages(received::add);
      assertTrue(eventually(5_000, () -> received.stream().anyMatch(m -> isExecute(m, "late-1"))),
          "the execute parked while nobody listened arrives once the worker subscribes");
      assertTrue(eventually(5_000, () -> server.server().webSocket().connections() == 1),
          "the request-only socket was retired in favour of the worker socket");
      assertEquals(1, connectionsQuietly(server));
      assertEquals("late-1", await(client.promiseGet(new PromiseGet("late-1"))).promise().id());
      await(client.close());
    }
  }

  @Test
  void requestsInFlightWhenTheSocketDropsFailWithATransportException() throws Exception {
    // A server that accepts the socket, reads the request and closes without answering.
    HttpServer fake = await(vertx.createHttpServer().webSocketHandler(ws ->
        ws.textMessageHandler(text -> ws.close())).listen(0));
    SustainClient client = SustainClient.create(vertx, new ClientOptions()
        .setUrl("http://localhost:" + fake.actualPort()).setTransport(TransportKind.WEBSOCKET));
    Throwable t = failure(client.promiseGet(new PromiseGet("x")));
    TransportException e = assertInstanceOf(TransportException.class, t);
    assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("in flight"), e.getMessage());
    assertEquals(0, client.inFlight());
    await(client.close());
    await(fake.close());
  }

  @Test
  void aRequestToAnUnreachableServerFailsFastWithATransportException() throws Exception {
    SustainClient client = SustainClient.create(vertx, new ClientOptions()
        .setUrl("http://localhost:1").setTransport(TransportKind.WEBSOCKET).setRequestTimeout(30_000));
    long started = System.nanoTime();
    assertInstanceOf(TransportException.class, failure(client.promiseGet(new PromiseGet("x"))));
    assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000, "did not wait for the request timeout");
    await(client.close());
  }

  @Test
  void aRequestWithoutAnAnswerTimesOut() throws Exception {
    HttpServer silent = await(vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(t -> { }))
        .listen(0));
    SustainClient client = SustainClient.create(vertx, new ClientOptions()
        .setUrl("http://localhost:" + silent.actualPort()).setTransport(TransportKind.WEBSOCKET)
        .setRequestTimeout(300));
    assertInstanceOf(RequestTimeoutException.class, failure(client.promiseGet(new PromiseGet("x"))));
    assertEquals(0, client.inFlight());
    await(client.close());
    await(silent.close());
  }

  @Test
  void theClientRefusesMoreThanMaxInFlightAtOnce() throws Exception {
    HttpServer silent = await(vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(t -> { }))
        .listen(0));
    SustainClient client = SustainClient.create(vertx, new ClientOptions()
        .setUrl("http://localhost:" + silent.actualPort()).setTransport(TransportKind.WEBSOCKET).setMaxInFlight(2));
    Future<?> a = client.promiseGet(new PromiseGet("a"));
    Future<?> b = client.promiseGet(new PromiseGet("b"));
    assertInstanceOf(InFlightLimitException.class, failure(client.promiseGet(new PromiseGet("c"))));
    assertEquals(2, client.inFlight());
    await(client.close());
    assertInstanceOf(TransportException.class, failure(a));
    assertInstanceOf(TransportException.class, failure(b));
    assertEquals(0, client.inFlight());
    await(silent.close());
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aWorkerReRegistersAfterAServerRestart(TransportKind transport) throws Exception {
    TestServer first = TestServer.start();
    int port = first.port();
    List<Message> received = new CopyOnWriteArrayList<>();
    SustainClient worker = SustainClient.create(vertx, new ClientOptions()
        .setUrl("http://localhost:" + port).setTransport(transport)
        .setGroup("restart").setId("w1")
        .setReconnectBackoffMin(50).setReconnectBackoffMax(300));
    worker.messages(received::add);
    SustainClient caller = SustainClient.create(vertx, new ClientOptions().setUrl("http://localhost:" + port));
    try {
      await(caller.promiseCreate(new PromiseCreate("before", System.currentTimeMillis() + 600_000, Value.EMPTY,
          Map.of(Tags.TARGET, "poll://uni@restart/w1"))));
      assertTrue(eventually(5_000, () -> received.stream().anyMatch(m -> isExecute(m, "before"))));
    } finally {
      first.close();
    }
    try (TestServer second = TestServer.start("--port", String.valueOf(port))) {
      // Until the worker is registered again a unicast would be parked, so wait for the registration itself.
      assertTrue(eventually(10_000, () -> connectionsQuietly(second) == 1), "the worker reconnected");
      await(caller.promiseCreate(new PromiseCreate("after", System.currentTimeMillis() + 600_000, Value.EMPTY,
          Map.of(Tags.TARGET, "poll://uni@restart/w1"))));
      assertTrue(eventually(5_000, () -> received.stream().anyMatch(m -> isExecute(m, "after"))),
          "messages flow again after the restart");
      assertEquals("after", await(worker.promiseGet(new PromiseGet("after"))).promise().id());
      await(worker.close());
      await(caller.close());
    }
  }

  private static boolean isExecute(Message m, String taskId) {
    return m instanceof Execute e && e.task().id().equals(taskId);
  }

  private static int connectionsQuietly(TestServer server) {
    try {
      return await(server.server().routerStats()).connections();
    } catch (Exception e) {
      return -1;
    }
  }
}
