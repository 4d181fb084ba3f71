package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL the PG tests use ({@code scripts/pg-up.sh} starts it): its URL, the reachability rule
 * (unreachable → the test fails when {@code SUSTAIN_PG_REQUIRED=1}, as in CI, and is skipped otherwise), and
 * isolation by a fresh schema per test, dropped afterwards.
 */
final class PgTestSupport {
  static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/sustain_test";
  /** The cluster the outage tests stop and start, apart from the one every other test uses. */
  static final String OUTAGE_CLUSTER = "sustain_outage";
  static final int OUTAGE_PORT = 5433;

  private PgTestSupport() {}

  static String url() {
    String url = System.getenv("SUSTAIN_TEST_PG_URL");
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  /** Fails or skips the calling test when PostgreSQL cannot be reached. */
  static void requirePostgres() {
    requireReachable(url());
  }

  /** The outage cluster's URL: the main URL's user and database on {@link #OUTAGE_PORT}. */
  static String outageUrl() {
    PgConnectOptions o = PgConnectOptions.fromUri(url());
    return "postgresql://" + o.getUser() + "@" + o.getHost() + ":" + OUTAGE_PORT + "/" + o.getDatabase();
  }

  /**
   * Brings up the outage cluster ({@code scripts/pg-up.sh} creates it on first use) and returns its URL; fails or
   * skips like {@link #requirePostgres} when that is not possible here (no PostgreSQL installed, not root).
   */
  static String requireOutageCluster() {
    requirePostgres();
    try {
      outageCluster("up");
    } catch (Exception e) {
      unavailable("cannot bring up the outage cluster with scripts/pg-up.sh: " + e);
    }
    requireReachable(outageUrl());
    return outageUrl();
  }

  private static void requireReachable(String url) {
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(o.getHost(), o.getPort()), 1_000);
    } catch (Exception e) {
      unavailable("PostgreSQL not reachable at " + url + " (run scripts/pg-up.sh): " + e);
    }
  }

  private static void unavailable(String why) {
    if ("1".equals(System.getenv("SUSTAIN_PG_REQUIRED"))) {
      fail(why);
    }
    Assumptions.abort(why);
  }

  /** A schema name no other test uses. */
  static String freshSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static PgStoreOptions options(String schema) {
    return PgStoreOptions.of(url()).withSchema(schema);
  }

  static void dropSchema(Vertx vertx, String schema) {
    dropSchema(vertx, url(), schema);
  }

  static void dropSchema(Vertx vertx, String url, String schema) {
    Pool pool =
        PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(url).using(vertx).build();
    try {
      await(pool.query("DROP SCHEMA IF EXISTS " + PgSchema.quoteIdent(schema) + " CASCADE").execute());
    } finally {
      await(pool.close());
    }
  }

  /** Runs {@code scripts/pg-up.sh} on the outage cluster with one argument ({@code stop}, {@code start}, {@code up}). */
  static void outageCluster(String command) throws Exception {
    Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/pg-up.sh");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), command).inheritIO();
    pb.environment().put("SUSTAIN_PG_CLUSTER", OUTAGE_CLUSTER);
    pb.environment().put("SUSTAIN_PG_PORT", String.valueOf(OUTAGE_PORT));
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("scripts/pg-up.sh " + command + " failed");
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("no answer within 60 s", e);
    }
  }
}
