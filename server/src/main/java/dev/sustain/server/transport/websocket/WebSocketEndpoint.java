package dev.sustain.server.transport.websocket;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.server.routing.Router;
import dev.sustain.server.rpc.AuthHook;
import dev.sustain.server.rpc.RpcProcessor;
import dev.sustain.server.transport.http.HttpRouter;
import dev.sustain.server.transport.http.JsonErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket transport ({@code docs/websocket.md}): {@code GET /ws/{group}/{id}} upgrades a worker, whose
 * socket carries its requests, their answers and the messages routed to it; {@code GET /ws} upgrades a
 * request-only client. Every request frame goes through the same {@link RpcProcessor} as {@code POST /}.
 *
 * <p>Before upgrading: a non-upgrade request gets 400, a refused {@link UpgradeAuth} its 401/403, and a server at
 * {@code maxConnections} open sockets 503 — all plain JSON answers, so nothing is held for a refused client. A
 * worker socket the router cannot register (its shared connection cap) is closed at once with 1013.
 *
 * <p>Threading: one instance serves every event loop; each socket is confined to its own connection's loop. The
 * open-socket count is the only shared state.
 */
public final class WebSocketEndpoint {
  private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

  private final Vertx vertx;
  private final RpcProcessor processor;
  private final ProtocolCodec codec;
  private final Router router;
  private final WebSocketConfig config;
  private final UpgradeAuth auth;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong queued = new AtomicLong();

  public WebSocketEndpoint(Vertx vertx, RpcProcessor processor, ProtocolCodec codec, Router router,
      WebSocketConfig config, UpgradeAuth auth) {
    this.vertx = vertx;
    this.processor = processor;
    this.codec = codec;
    this.router = router;
    this.config = config;
    this.auth = auth;
  }

  /** Adds {@code GET /ws} and {@code GET /ws/{group}/{id}} to the listener's routes. */
  public HttpRouter.Builder mount(HttpRouter.Builder routes) {
    return routes
        .route(HttpMethod.GET, "/ws", (request, params) -> upgrade(request, null, null))
        .route(HttpMethod.GET, "/ws/{group}/{id}", this::worker);
  }

  /** Open WebSockets right now, workers and request-only clients alike. */
  public int connections() {
    return open.get();
  }

  /**
   * Bytes written to all WebSockets and not yet flushed to the network: the transport's outbound memory, which
   * the write-queue caps bound per socket.
   */
  public long queuedBytes() {
    return queued.get();
  }

  private void worker(HttpServerRequest request, Map<String, String> params) {
    String group = decode(params.get("group"));
    String id = decode(params.get("id"));
    if (group == null || id == null || group.isEmpty() || id.isEmpty()) {
      JsonErrors.send(request.response(), 400, "Invalid path: expected /ws/{group}/{id}, both non-empty");
      return;
    }
    upgrade(request, group, id);
  }

  private void upgrade(HttpServerRequest request, String group, String id) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      JsonErrors.send(request.response(), 400, "Expected a WebSocket upgrade (Upgrade: websocket)");
      return;
    }
    Optional<AuthHook.Rejection> rejection = auth.check(request);
    if (rejection.isPresent()) {
      JsonErrors.send(request.response(), rejection.get().status(), rejection.get().message());
      return;
    }
    if (open.incrementAndGet() > config.maxConnections()) {
      open.decrementAndGet();
      JsonErrors.send(request.response(), 503, "WebSocket connections at capacity");
      return;
    }
    String label = (id == null ? "client" : group + "/" + id) + " from " + request.remoteAddress();
    request.toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        open.decrementAndGet();
        if (LOG.isLoggable(Level.FINE)) {
          LOG.fine("WebSocket upgrade for " + label + " failed: " + ar.cause());
        }
        return;
      }
      accepted(ar.result(), group, id, label);
    });
  }

  private void accepted(ServerWebSocket ws, String group, String id, String label) {
    WsConnection connection = new WsConnection(ws, vertx, processor, codec, config, label, queued);
    connection.closed().onComplete(v -> open.decrementAndGet());
    connection.start();
    if (id == null) {
      return;
    }
    WsOutlet outlet = new WsOutlet(group, id, connection, codec);
    connection.onDrain(() -> router.drained(outlet));
    router.connect(outlet).onFailure(t -> {
      LOG.warning("Refusing WebSocket " + label + ": " + t.getMessage());
      connection.close(WsConnection.CLOSE_TRY_AGAIN_LATER, t.getMessage());
    });
  }

  /** Percent-decodes a path segment; {@code +} stays a plus sign, as in any path. Null if malformed. */
  private static String decode(String segment) {
    if (segment == null) {
      return null;
    }
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
