package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.SustainServer;
import dev.sustain.server.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole server on PostgreSQL over HTTP: {@code serve --store postgres --pg-url …} creates its schema in an
 * empty database, answers requests and {@code /ready}; with PostgreSQL stopped {@code /ready} answers 503 and
 * requests get 503 at once; after PostgreSQL starts again both recover without a restart. Runs on a database of
 * its own on the outage cluster, created and dropped here, because the server uses the default schema.
 */
class PgServerIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theServerRunsOnPostgresAndRidesOutAnOutage() throws Exception {
    String cluster = PgTestSupport.requireOutageCluster();
    String database = "sustain_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(cluster, "CREATE DATABASE " + database);
    PgConnectOptions base = PgConnectOptions.fromUri(cluster);
    String url = "postgresql://" + base.getUser() + "@" + base.getHost() + ":" + base.getPort() + "/" + database;
    SustainServer server =
        PgTestSupport.await(
            SustainServer.start(
                ConfigLoader.load(
                    Map.of("RESONATE_STORAGE__TYPE", "postgres", "RESONATE_STORAGE__POSTGRES__URL", url),
                    List.of("--port", "0", "--bind", "127.0.0.1"))));
    try {
      assertTrue(server.storeDescription().startsWith("postgres "), server.storeDescription());
      URI root = URI.create("http://127.0.0.1:" + server.port());
      assertEquals(200, get(root.resolve("/ready")));
      assertEquals(200, create(root, "http-1"));
      assertEquals(200, create(root, "http-1"), "idempotent by id");

      PgTestSupport.outageCluster("stop");
      try {
        assertEquals(503, get(root.resolve("/ready")));
        long start = System.nanoTime();
        assertEquals(503, create(root, "http-2"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 3_000, "503 at once while PostgreSQL is down; took " + tookMs + " ms");
      } finally {
        PgTestSupport.outageCluster("up");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (get(root.resolve("/ready")) != 200) {
        assertTrue(System.nanoTime() < deadline, "/ready recovers within 30 s");
        Thread.sleep(100);
      }
      assertEquals(200, create(root, "http-2"));
    } finally {
      PgTestSupport.await(server.close());
      admin(cluster, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private int create(URI root, String id) throws Exception {
    String body =
        "{\"kind\":\"promise.create\",\"head\":{\"corrId\":\"" + id + "\",\"version\":\"2026-04-01\"},"
            + "\"data\":{\"id\":\"" + id + "\",\"timeoutAt\":" + (System.currentTimeMillis() + 600_000) + "}}";
    HttpRequest request =
        HttpRequest.newBuilder(root.resolve("/"))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private int get(URI uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void admin(String url, String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(url).using(vertx).build();
      PgTestSupport.await(pool.query(sql).execute());
      PgTestSupport.await(pool.close());
    } finally {
      PgTestSupport.await(vertx.close());
    }
  }
}
