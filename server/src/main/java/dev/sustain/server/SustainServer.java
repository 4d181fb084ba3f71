package dev.sustain.server;

import dev.sustain.protocol.codec.CodecLimits;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.server.config.ServerConfig;
import dev.sustain.server.config.StoreType;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.routing.ConsumptionTrackingStore;
import dev.sustain.server.routing.Router;
import dev.sustain.server.rpc.AuthHook;
import dev.sustain.server.rpc.BackgroundLoops;
import dev.sustain.server.rpc.RpcProcessor;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.embedded.EmbeddedStore;
import dev.sustain.server.store.embedded.EmbeddedStoreOptions;
import dev.sustain.server.store.memory.MemoryStore;
import dev.sustain.server.store.postgres.PgStore;
import dev.sustain.server.store.postgres.PgStoreOptions;
import dev.sustain.server.timers.Clock;
import dev.sustain.server.timers.TimerLoop;
import dev.sustain.server.transport.http.HealthEndpoint;
import dev.sustain.server.transport.http.HttpRouter;
import dev.sustain.server.transport.http.HttpServerVerticle;
import dev.sustain.server.transport.http.LegacyEndpoint;
import dev.sustain.server.transport.http.RpcEndpoint;
import dev.sustain.server.transport.sse.PollEndpoint;
import dev.sustain.server.transport.websocket.UpgradeAuth;
import dev.sustain.server.transport.websocket.WebSocketConfig;
import dev.sustain.server.transport.websocket.WebSocketEndpoint;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The composition root: builds every object of a running server by hand from a {@link ServerConfig} (no DI
 * container), in dependency order — Vert.x, store, timers, RPC pipeline, HTTP routes, listeners — and takes them
 * down in reverse on {@link #close()}. The only class that names concrete stores.
 *
 * <p>Threading: {@link #start} and {@link #close} may be called from any thread; the server's own work runs on
 * its Vert.x instance.
 */
public final class SustainServer {
  private static final Logger LOG = Logger.getLogger(SustainServer.class.getName());

  private final ServerConfig config;
  private final Vertx vertx;
  private final Store store;
  private final TimerLoop timers;
  private final Router delivery;
  private final WebSocketEndpoint webSocket;
  private final String httpDeployment;
  private final int port;
  private Future<Void> closing;

  private SustainServer(
      ServerConfig config, Vertx vertx, Store store, TimerLoop timers, Router delivery, WebSocketEndpoint webSocket,
      String httpDeployment, int port) {
    this.config = config;
    this.vertx = vertx;
    this.store = store;
    this.timers = timers;
    this.delivery = delivery;
    this.webSocket = webSocket;
    this.httpDeployment = httpDeployment;
    this.port = port;
  }

  /**
   * Opens the store, starts the timers and listens. Fails (and releases everything it started) if the store
   * cannot be opened or the port cannot be bound. The WebSocket transport gets {@code config.transports().webSocket()}.
   */
  public static Future<SustainServer> start(ServerConfig config) {
    return start(config, WebSocketConfig.from(config.transports().webSocket()));
  }

  /**
   * {@link #start(ServerConfig)} with the WebSocket transport's limits and timers given in code instead of taken
   * from {@code config} ({@code docs/websocket.md}); for tests.
   */
  public static Future<SustainServer> start(ServerConfig config, WebSocketConfig webSocket) {
    // The server reads no files through Vert.x; without this every start leaves a vertx-cache-* directory in the
    // temp dir whenever the process does not get to run Vert.x's own cleanup (SIGKILL, a crash).
    Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
        new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    Context background = vertx.getOrCreateContext();
    EngineConfig engine = new EngineConfig(config.timing().retryTimeout(), config.strictLineage());
    Future<Store> opened;
    try {
      opened = openStore(vertx, background, config, engine);
    } catch (RuntimeException e) {
      opened = Future.failedFuture(e);
    }
    return opened
        .compose(store -> wire(config, webSocket, vertx, background, store)
            .recover(failure -> store.close().transform(ignored -> Future.failedFuture(failure))))
        .recover(failure -> vertx.close().transform(ignored -> Future.failedFuture(failure)));
  }

  private static Future<Store> openStore(Vertx vertx, Context background, ServerConfig config, EngineConfig engine) {
    String serverUrl = config.http().url();
    if (config.storage().type() == StoreType.MEMORY) {
      return Future.succeededFuture(new MemoryStore(background, engine, serverUrl));
    }
    if (config.storage().type() == StoreType.POSTGRES) {
      PgStoreOptions pg =
          PgStoreOptions.of(config.storage().postgresUrl())
              .withConnections(config.storage().postgresConnections())
              .withMaxBatch(config.storage().postgresMaxBatch())
              .withEngine(engine)
              .withServerUrl(serverUrl);
      return PgStore.start(vertx, pg).map(store -> store);
    }
    EmbeddedStoreOptions options = new EmbeddedStoreOptions(config.storage().sqlitePath(), engine, serverUrl,
        EmbeddedStoreOptions.DEFAULT_MAX_QUEUE, EmbeddedStoreOptions.DEFAULT_MAX_BATCH);
    return EmbeddedStore.open(vertx, options).map(store -> store);
  }

  private static Future<SustainServer> wire(
      ServerConfig config, WebSocketConfig wsConfig, Vertx vertx, Context background, Store store) {
    Clock clock = Clock.system();
    // Routing state gets an event-loop context of its own (a new one when started from a plain thread).
    Context routing = vertx.getOrCreateContext();
    Router delivery = new Router(vertx, routing, store, ProtocolCodec.DEFAULT, config.http().url(),
        config.transports().poll(), config.transports().push(), config.transports().delivery(),
        new SplittableRandom());
    TimerLoop timers = new TimerLoop(vertx, background, store, clock, delivery, config.timing().pollInterval());
    // Registered from the router's context: a store that tells its listener on the registering context (the
    // embedded one) then hands committed messages straight to the router, one event-loop hop fewer per dispatch.
    Promise<Void> registered = Promise.promise();
    routing.runOnContext(v -> {
      store.listener(timers);
      registered.complete();
    });

    int maxBody = config.http().maxBodyBytes();
    ProtocolCodec codec = new ProtocolCodec(new CodecLimits(maxBody, CodecLimits.DEFAULT_MAX_NESTING_DEPTH,
        Math.min(maxBody, CodecLimits.DEFAULT_MAX_STRING_LENGTH)));
    BackgroundLoops loops = new BackgroundLoops() {
      @Override
      public Future<Void> pause() {
        return timers.pause().compose(v -> delivery.pause());
      }

      @Override
      public Future<Void> resume() {
        return delivery.resume().compose(v -> timers.resume());
      }
    };
    RpcProcessor rpc = new RpcProcessor(codec, new ConsumptionTrackingStore(store, delivery), clock::now,
        AuthHook.NONE, loops, config.debug(),
        new RuleOptions(config.strictLineage()));
    WebSocketEndpoint webSocket = new WebSocketEndpoint(vertx, rpc, codec, delivery, wsConfig, UpgradeAuth.ALLOW_ALL);
    HttpRouter router = routes(rpc, store, maxBody,
        new PollEndpoint(vertx, delivery, codec, config.transports().poll()), webSocket);

    HttpServerOptions http = new HttpServerOptions()
        .setHost(config.http().bind())
        .setPort(config.http().port())
        .setCompressionSupported(false)
        .setMaxWebSocketFrameSize(wsConfig.maxFrameBytes());
    List<HttpServerVerticle> listeners = new CopyOnWriteArrayList<>();
    int instances = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    long shutdownTimeout = config.http().shutdownTimeout();
    return registered.future()
        .compose(v -> timers.start())
        .compose(v -> delivery.start())
        .compose(v -> vertx.deployVerticle(() -> {
          HttpServerVerticle listener = new HttpServerVerticle(http, router, shutdownTimeout);
          listeners.add(listener);
          return listener;
        }, new DeploymentOptions().setInstances(instances)))
        .map(id -> new SustainServer(
            config, vertx, store, timers, delivery, webSocket, id, listeners.get(0).actualPort()))
        .recover(failure -> delivery.close().transform(ignored -> timers.stop())
            .transform(ignored -> Future.failedFuture(failure)));
  }

  /** Every HTTP endpoint, registered in one place; worker transports add their routes here. */
  private static HttpRouter routes(
      RpcProcessor rpc, Store store, int maxBody, PollEndpoint poll, WebSocketEndpoint webSocket) {
    HealthEndpoint health = new HealthEndpoint(store::ready);
    LegacyEndpoint legacy = new LegacyEndpoint();
    HttpRouter.Builder routes = HttpRouter.builder()
        .route(HttpMethod.POST, "/", new RpcEndpoint(rpc, maxBody))
        .route(HttpMethod.GET, "/health", health.health())
        .route(HttpMethod.GET, "/ready", health.ready());
    for (String root : LegacyEndpoint.ROOTS) {
      routes.route(null, root + "/*", legacy);
    }
    poll.mount(routes);
    webSocket.mount(routes);
    return routes.build();
  }

  /** The WebSocket transport, for its connection and queue gauges. */
  public WebSocketEndpoint webSocket() {
    return webSocket;
  }

  /** What the router holds right now (registered worker connections, parked and in-flight messages). */
  public Future<Router.Stats> routerStats() {
    return delivery.stats();
  }

  /** The bound TCP port (the chosen one when configured with port 0). */
  public int port() {
    return port;
  }

  public ServerConfig config() {
    return config;
  }

  /** {@code embedded /path/to/sustain.db} or {@code memory}, for the startup line. */
  public String storeDescription() {
    if (config.storage().type() == StoreType.POSTGRES) {
      // Never print a password.
      return StoreType.POSTGRES.label() + " "
          + config.storage().postgresUrl().replaceFirst("://([^:@/]+):[^@/]*@", "://$1:***@");
    }
    return config.storage().type() == StoreType.MEMORY
        ? StoreType.MEMORY.label()
        : StoreType.EMBEDDED.label() + " " + config.storage().sqlitePath().toAbsolutePath().normalize();
  }

  /**
   * Graceful shutdown: stop accepting connections and let requests in flight finish (up to the shutdown
   * timeout), stop the timers once their pass is done, close the store (which commits what it has queued), then
   * Vert.x. Idempotent.
   */
  public synchronized Future<Void> close() {
    if (closing == null) {
      Promise<Void> closed = Promise.promise();
      closing = closed.future();
      // Worker streams end first: the HTTP listener's graceful shutdown would otherwise wait out its timeout on them.
      delivery.close()
          .transform(ignored -> vertx.undeploy(httpDeployment))
          .transform(ignored -> timers.stop())
          .transform(ignored -> store.close())
          .onComplete(result -> {
            if (result.failed()) {
              LOG.warning("Closing the store failed: " + result.cause());
            }
            // Vert.x completes close() on the caller's context; called from one of its own event loops, that loop
            // may already be gone when the close finishes and the completion is lost. From a plain thread it is not.
            Thread closer = new Thread(() -> vertx.close().onComplete(closed), "sustain-vertx-close");
            closer.setDaemon(true);
            closer.start();
          });
    }
    return closing;
  }
}
