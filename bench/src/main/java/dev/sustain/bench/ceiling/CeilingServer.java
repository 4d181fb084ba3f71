package dev.sustain.bench.ceiling;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the ceiling: recreates its table, deploys one {@link CeilingVerticle} per event loop on a shared port,
 * and runs until the process is told to stop (SIGTERM / SIGINT), closing Vert.x on the way out.
 */
public final class CeilingServer {
  private CeilingServer() {}

  public static void run(CeilingOptions options, PrintStream out) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.threads()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Exiting anyway; nothing is left to save.
      } finally {
        stopped.countDown();
      }
    }));
    Pool setup = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(options.pgUrl())).using(vertx).build();
    await(CeilingTable.recreate(setup).eventually(setup::close));
    for (int i = 0; i < options.threads(); i++) {
      await(vertx.deployVerticle(new CeilingVerticle(options)));
    }
    out.printf("ceiling listening on port %d: %d event loop(s), %d PostgreSQL connection(s), batches of up to %d%n",
        options.port(), options.threads(), options.connectionsPerLoop() * options.threads(), options.maxBatch());
    out.flush();
    stopped.await();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
