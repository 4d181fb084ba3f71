package dev.sustain.server.transport.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (liveness: always 200) and {@code GET /ready} (200 when the store answers a trivial query,
 * else 503), both with an empty body as in the Rust server.
 *
 * <p>Threading: stateless; runs on the connection's event loop and never blocks.
 */
public final class HealthEndpoint {
  private final Supplier<Future<Boolean>> readiness;

  /**
   * @param readiness asked on every {@code /ready}; a failed future counts as not ready
   */
  public HealthEndpoint(Supplier<Future<Boolean>> readiness) {
    this.readiness = readiness;
  }

  /** The {@code /health} route. */
  public HttpRouter.Route health() {
    return (request, params) -> request.response().setStatusCode(200).end();
  }

  /** The {@code /ready} route. */
  public HttpRouter.Route ready() {
    return this::ready;
  }

  private void ready(HttpServerRequest request, Map<String, String> params) {
    Future<Boolean> check;
    try {
      check = readiness.get();
    } catch (RuntimeException e) {
      check = Future.failedFuture(e);
    }
    check.onComplete(result -> {
      boolean ready = result.succeeded() && Boolean.TRUE.equals(result.result());
      if (!request.response().closed()) {
        request.response().setStatusCode(ready ? 200 : 503).end();
      }
    });
  }
}
