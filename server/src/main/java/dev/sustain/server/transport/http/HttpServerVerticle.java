package dev.sustain.server.transport.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP listener instance. The composition root deploys one per event loop on the same port, and Vert.x
 * server sharing spreads connections across them, so each connection lives on one loop from accept to close.
 *
 * <p>Undeploying it shuts the listener down gracefully: no new connections, and requests in flight get up to
 * the shutdown timeout to finish.
 *
 * <p>Threading: confined to its own event-loop context.
 */
public final class HttpServerVerticle extends VerticleBase {
  /**
   * Vert.x binds a negative port to one random port shared by every server listening on that same negative
   * value, whereas 0 would give each instance its own port.
   */
  private static final int SHARED_RANDOM_PORT = -1;

  private final HttpServerOptions options;
  private final HttpRouter router;
  private final long shutdownTimeout;
  private HttpServer server;

  /**
   * @param options host and port (0 for a random port shared by all instances) and socket settings
   * @param shutdownTimeout ms granted to in-flight requests when undeployed
   */
  public HttpServerVerticle(HttpServerOptions options, HttpRouter router, long shutdownTimeout) {
    this.options = new HttpServerOptions(options);
    if (this.options.getPort() == 0) {
      this.options.setPort(SHARED_RANDOM_PORT);
    }
    this.router = router;
    this.shutdownTimeout = shutdownTimeout;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(shutdownTimeout, TimeUnit.MILLISECONDS);
  }

  /** The bound port; valid once deployed. */
  public int actualPort() {
    return server.actualPort();
  }
}
