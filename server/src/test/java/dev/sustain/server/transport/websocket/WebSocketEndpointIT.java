package dev.sustain.server.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.SustainServer;
import dev.sustain.server.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket endpoint of the real server, spoken to with raw frames. */
class WebSocketEndpointIT {
  private static final String VERSION = "2026-04-01";
  private Vertx vertx;
  private SustainServer server;
  private WebSocketClient client;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      await(server.close());
    }
    await(vertx.close());
  }

  private void start(WebSocketConfig config) throws Exception {
    server = await(SustainServer.start(ConfigLoader.load(Map.of(), List.of("--store", "memory", "--port", "0")),
        config));
  }

  /** A socket whose text messages land in a queue. */
  private record Socket(WebSocket ws, BlockingQueue<JsonObject> inbox) {
    JsonObject next() throws InterruptedException {
      JsonObject message = inbox.poll(10, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return message;
    }
  }

  private Socket open(String uri) throws Exception {
    WebSocket ws = await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
        .setURI(uri)));
    BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    ws.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    return new Socket(ws, inbox);
  }

  private static String get(String corrId, String id) {
    return "{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"" + corrId + "\",\"version\":\"" + VERSION
        + "\"},\"data\":{\"id\":\"" + id + "\"}}";
  }

  private static String create(String corrId, String id) {
    return "{\"kind\":\"promise.create\",\"head\":{\"corrId\":\"" + corrId + "\",\"version\":\"" + VERSION
        + "\"},\"data\":{\"id\":\"" + id + "\",\"timeoutAt\":" + (System.currentTimeMillis() + 600_000)
        + ",\"param\":{},\"tags\":{}}}";
  }

  @Test
  void badFramesAreAnsweredWithErrorEnvelopesAndTheSocketStaysOpen() throws Exception {
    start(WebSocketConfig.DEFAULT.withMaxMessageBytes(4096));
    Socket s = open("/ws");

    s.ws().writeTextMessage("this is not json");
    JsonObject garbage = s.next();
    assertEquals(400, garbage.getJsonObject("head").getInteger("status"));
    assertEquals("unknown", garbage.getString("kind"));
    assertEquals("0", garbage.getJsonObject("head").getString("corrId"));
    assertTrue(garbage.getString("data").startsWith("Invalid request envelope"), garbage.encode());

    s.ws().writeTextMessage("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\"},\"data\":{\"id\":\"x\"}}");
    JsonObject noVersion = s.next();
    assertEquals(400, noVersion.getJsonObject("head").getInteger("status"));
    assertEquals("promise.get", noVersion.getString("kind"));
    assertEquals("c1", noVersion.getJsonObject("head").getString("corrId"));

    s.ws().writeBinaryMessage(Buffer.buffer(get("c2", "x")));
    JsonObject binary = s.next();
    assertEquals(400, binary.getJsonObject("head").getInteger("status"));
    assertEquals("c2", binary.getJsonObject("head").getString("corrId"));
    assertTrue(binary.getString("data").contains("binary frames are not supported"), binary.encode());

    // A message over the limit, sent as several frames: answered 413, its tail skipped.
    String big = create("c3", "x".repeat(5000));
    s.ws().writeFrame(WebSocketFrame.textFrame(big.substring(0, 3000), false));
    s.ws().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(big.substring(3000)), true));
    JsonObject tooLarge = s.next();
    assertEquals(413, tooLarge.getJsonObject("head").getInteger("status"));
    assertTrue(tooLarge.getString("data").contains("4096"), tooLarge.encode());

    s.ws().writeTextMessage(get("c4", "missing"));
    JsonObject after = s.next();
    assertEquals("c4", after.getJsonObject("head").getString("corrId"));
    assertEquals(404, after.getJsonObject("head").getInteger("status"));
    assertTrue(!s.ws().isClosed());
  }

  @Test
  void aFrameIsAnsweredExactlyAsPostWouldAnswerIt() throws Exception {
    start(WebSocketConfig.DEFAULT);
    Socket s = open("/ws");
    HttpClientAgent http = vertx.createHttpClient();
    for (String body : List.of(create("same-1", "p"), get("same-2", "p"), get("same-3", "missing"),
        "{\"kind\":\"promise.nope\",\"head\":{\"corrId\":\"same-4\",\"version\":\"" + VERSION + "\"},\"data\":{}}")) {
      s.ws().writeTextMessage(body);
      JsonObject overWs = s.next();
      String overHttp = await(http.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(server.port())
              .setHost("localhost").setURI("/"))
          .compose(r -> r.send(body)).compose(r -> r.body())).toString();
      JsonObject httpAnswer = new JsonObject(overHttp);
      if (body.contains("promise.create")) {
        // The first create made the promise; POST of the same create is the idempotent repeat: same promise.
        assertEquals(overWs.getJsonObject("data"), httpAnswer.getJsonObject("data"));
      } else {
        assertEquals(overWs, httpAnswer, body);
      }
    }
  }

  @Test
  void manyRequestsBeyondTheInFlightLimitAreAllAnsweredNotRefused() throws Exception {
    start(WebSocketConfig.DEFAULT.withMaxInFlight(2));
    Socket s = open("/ws");
    int n = 200;
    for (int i = 0; i < n; i++) {
      s.ws().writeTextMessage(create("r" + i, "inflight-" + i));
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < n; i++) {
      JsonObject answer = s.next();
      assertEquals(200, answer.getJsonObject("head").getInteger("status"), answer.encode());
      answered.add(answer.getJsonObject("head").getString("corrId"));
    }
    assertEquals(n, answered.size());
  }

  @Test
  void aWorkerSocketIsRegisteredAndRemovedExactlyOnceItCloses() throws Exception {
    start(WebSocketConfig.DEFAULT);
    Socket a = open("/ws/g/w1");
    Socket b = open("/ws/g/w1");
    Socket c = open("/ws");
    assertTrue(eventually(() -> registered() == 2), "two worker members, the request-only socket is none");
    assertEquals(3, server.webSocket().connections());
    await(a.ws().close());
    assertTrue(eventually(() -> registered() == 1 && server.webSocket().connections() == 2));
    await(b.ws().close());
    await(c.ws().close());
    assertTrue(eventually(() -> registered() == 0 && server.webSocket().connections() == 0));
  }

  @Test
  void aPeerThatNeverAnswersPingsIsUnregisteredAndClosed() throws Exception {
    start(WebSocketConfig.DEFAULT.withKeepAlive(200, 300));
    // A hand-made client: it completes the handshake and then never answers anything, pings included.
    NetSocket raw = await(vertx.createNetClient().connect(server.port(), "localhost"));
    Buffer received = Buffer.buffer();
    raw.handler(bytes -> {
      synchronized (received) {
        received.appendBuffer(bytes);
      }
    });
    raw.write("GET /ws/dead/d1 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertTrue(eventually(() -> registered() == 1), "registered after the handshake");
    assertTrue(eventually(() -> registered() == 0 && server.webSocket().connections() == 0),
        "unregistered once a pong was overdue");
    assertTrue(eventually(() -> containsClose(received, 1001)), "the server sent close 1001");
    raw.close();
  }

  @Test
  void upgradesBeyondTheConnectionCapAreRefusedBeforeTheUpgrade() throws Exception {
    start(WebSocketConfig.DEFAULT.withMaxConnections(1));
    Socket first = open("/ws/cap/w1");
    Throwable refused = failure(client.connect(new WebSocketConnectOptions().setHost("localhost")
        .setPort(server.port()).setURI("/ws/cap/w2")));
    assertTrue(refused.getMessage().contains("503"), refused.toString());
    await(first.ws().close());
    assertTrue(eventually(() -> server.webSocket().connections() == 0));
    Socket again = open("/ws/cap/w2");
    await(again.ws().close());
  }

  @Test
  void commandLineFlagsReachTheTransportAndTheMessageLimitFollowsTheBodyLimit() throws Exception {
    server = await(SustainServer.start(ConfigLoader.load(Map.of(), List.of("--store", "memory", "--port", "0",
        "--bind", "127.0.0.1", "--max-body-bytes", "4096", "--transports-websocket-max-connections", "1"))));
    Socket first = open("/ws");

    first.ws().writeTextMessage(create("big", "x".repeat(5000)));
    JsonObject tooLarge = first.next();
    assertEquals(413, tooLarge.getJsonObject("head").getInteger("status"));
    assertTrue(tooLarge.getString("data").contains("4096"), tooLarge.encode());

    Throwable refused = failure(client.connect(new WebSocketConnectOptions().setHost("localhost")
        .setPort(server.port()).setURI("/ws")));
    assertTrue(refused.getMessage().contains("503"), refused.toString());
    assertEquals(1, server.webSocket().connections());
  }

  @Test
  void aPlainGetOnTheEndpointIsNotAnUpgrade() throws Exception {
    start(WebSocketConfig.DEFAULT);
    HttpClientAgent http = vertx.createHttpClient();
    int status = await(http.request(new RequestOptions().setMethod(HttpMethod.GET).setPort(server.port())
        .setHost("localhost").setURI("/ws/g/w")).compose(r -> r.send()).map(r -> r.statusCode()));
    assertEquals(400, status);
  }

  private int registered() {
    try {
      return await(server.routerStats()).connections();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Whether the bytes hold a close frame (opcode 8, unmasked, as a server sends it) with {@code code}. */
  private static boolean containsClose(Buffer bytes, int code) {
    synchronized (bytes) {
      return containsCloseFrame(bytes, code);
    }
  }

  private static boolean containsCloseFrame(Buffer bytes, int code) {
    for (int i = 0; i + 3 < bytes.length(); i++) {
      if ((bytes.getByte(i) & 0xFF) == 0x88 && (bytes.getUnsignedShort(i + 2)) == code) {
        return true;
      }
    }
    return false;
  }

  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
