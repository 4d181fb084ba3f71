package dev.sustain.server.transport.websocket;

import static dev.sustain.server.transport.websocket.WebSocketEndpointIT.await;
import static dev.sustain.server.transport.websocket.WebSocketEndpointIT.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.server.config.DeliveryConfig;
import dev.sustain.server.config.PollConfig;
import dev.sustain.server.config.PushConfig;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.routing.Router;
import dev.sustain.server.rpc.AuthHook;
import dev.sustain.server.rpc.BackgroundLoops;
import dev.sustain.server.rpc.RpcProcessor;
import dev.sustain.server.store.memory.MemoryStore;
import dev.sustain.server.transport.http.HttpRouter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade hook decides before any socket exists: the endpoint composed by hand with a hook that wants one
 * bearer token, on a plain listener.
 */
class UpgradeAuthIT {
  private Vertx vertx;
  private HttpServer listener;
  private Router router;
  private WebSocketEndpoint endpoint;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    Context context = vertx.getOrCreateContext();
    MemoryStore store = new MemoryStore(context, EngineConfig.DEFAULTS, "http://localhost");
    router = new Router(vertx, context, store, ProtocolCodec.DEFAULT, "http://localhost", PollConfig.DEFAULT,
        PushConfig.DEFAULT, DeliveryConfig.DEFAULT, new SplittableRandom(1));
    BackgroundLoops loops = new BackgroundLoops() {
      @Override
      public Future<Void> pause() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> resume() {
        return Future.succeededFuture();
      }
    };
    RpcProcessor rpc = new RpcProcessor(ProtocolCodec.DEFAULT, store, System::currentTimeMillis, AuthHook.NONE,
        loops, false, new RuleOptions(false));
    UpgradeAuth auth = request -> "Bearer let-me-in".equals(request.getHeader("Authorization"))
        ? Optional.empty()
        : Optional.of(new AuthHook.Rejection(401, "Unauthorized"));
    endpoint = new WebSocketEndpoint(vertx, rpc, ProtocolCodec.DEFAULT, router, WebSocketConfig.DEFAULT, auth);
    listener = await(vertx.createHttpServer().requestHandler(endpoint.mount(HttpRouter.builder()).build())
        .listen(0));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(router.close());
    await(vertx.close());
  }

  @Test
  void aRefusedUpgradeGetsTheHooksStatusAndHoldsNoConnection() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions target = new WebSocketConnectOptions().setHost("localhost")
        .setPort(listener.actualPort()).setURI("/ws/g/w1");

    Throwable refused = failure(client.connect(new WebSocketConnectOptions(target)
        .putHeader("Authorization", "Bearer wrong")));
    assertTrue(refused.getMessage().contains("401"), refused.toString());
    assertEquals(0, endpoint.connections());
    assertEquals(0, await(router.stats()).connections());

    WebSocket ws = await(client.connect(new WebSocketConnectOptions(target)
        .putHeader("Authorization", "Bearer let-me-in")));
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    ws.textMessageHandler(text -> answer.complete(new JsonObject(text)));
    ws.writeTextMessage("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"a1\",\"version\":\"2026-04-01\"},"
        + "\"data\":{\"id\":\"nothing\"}}");
    assertEquals(404, answer.get(10, TimeUnit.SECONDS).getJsonObject("head").getInteger("status"));
    assertEquals(1, endpoint.connections());
    assertEquals(1, await(router.stats()).connections());
    await(ws.close());
  }
}
