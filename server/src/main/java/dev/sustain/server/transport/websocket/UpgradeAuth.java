package dev.sustain.server.transport.websocket;

import dev.sustain.server.rpc.AuthHook;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Decides whether a WebSocket upgrade is accepted, from the handshake request alone (typically its
 * {@code Authorization: Bearer} header, as the SSE stream does, spec §1.9 step 1). Runs before the socket exists,
 * so a refused client gets a plain HTTP answer and never holds a connection slot. Each request frame is still
 * checked by the RPC pipeline's own {@link AuthHook} ({@code head.auth}), exactly as over {@code POST /}.
 *
 * <p>Threading: called on the connection's event loop; must be fast and must not block.
 */
@FunctionalInterface
public interface UpgradeAuth {
  /** Accepts every upgrade: the server runs without authentication. */
  UpgradeAuth ALLOW_ALL = request -> Optional.empty();

  /** Empty to accept the upgrade, else the HTTP status (401 or 403) and message to refuse it with. */
  Optional<AuthHook.Rejection> check(HttpServerRequest request);
}
