package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.store.memory.MemoryStore;
import dev.sustain.server.transport.http.HealthEndpoint;
import dev.sustain.server.transport.http.HttpRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP binding around {@code POST /}: health and readiness (case 10), legacy paths (case 11), JSON 404/405, and
 * the body limit (413, then the server and, for chunked bodies, the same connection keep serving). A real server
 * on the embedded store with a 1 KiB body limit, a real Vert.x client with one pooled connection.
 */
@ExtendWith(VertxExtension.class)
class HttpEndpointsIT {
  private static final int LIMIT = 1024;
  private static final String LEGACY = "This endpoint is no longer supported: Sustain speaks the Resonate Async RPC "
      + "protocol (version 2026-04-01) on POST /. Please update to the latest SDK.";

  private static Path dir;
  private static TestServer server;
  private HttpClient client;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("sustain-endpoints");
    server = TestServer.start("--db", dir.resolve("sustain.db").toString(), "--max-body-bytes", String.valueOf(LIMIT));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    TempFiles.delete(dir);
  }

  @BeforeEach
  void client(Vertx vertx) {
    client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(1));
  }

  @Test
  void healthIsAlways200(VertxTestContext test) {
    exchange(HttpMethod.GET, "/health", null)
        .map(r -> {
          assertEquals(200, r.status());
          assertEquals(0, r.body().length());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void headIsServedLikeGet(VertxTestContext test) {
    exchange(HttpMethod.HEAD, "/health", null)
        .map(r -> {
          assertEquals(200, r.status());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void readyIs200WhileTheStoreAnswers(VertxTestContext test) {
    exchange(HttpMethod.GET, "/ready", null)
        .map(r -> {
          assertEquals(200, r.status());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void readyIs503OnceTheStoreIsGone(Vertx vertx, VertxTestContext test) {
    MemoryStore store = new MemoryStore(vertx.getOrCreateContext(), EngineConfig.DEFAULTS, null);
    HealthEndpoint health = new HealthEndpoint(store::ready);
    HttpRouter router = HttpRouter.builder().route(HttpMethod.GET, "/ready", health.ready()).build();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(listener -> get(vertx, listener.actualPort())
            .compose(before -> store.close().compose(v -> get(vertx, listener.actualPort()))
                .map(after -> {
                  assertEquals(200, before);
                  assertEquals(503, after);
                  return after;
                })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void legacyRestPathsAre410WithAJsonError(VertxTestContext test) {
    Future.all(
            legacy(HttpMethod.GET, "/promises/x"),
            legacy(HttpMethod.POST, "/tasks/claim"),
            legacy(HttpMethod.GET, "/schedules"),
            legacy(HttpMethod.DELETE, "/promises"))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void unknownPathsAndMethodsAreJsonErrors(VertxTestContext test) {
    exchange(HttpMethod.GET, "/nope", null)
        .map(r -> {
          assertEquals(404, r.status());
          assertEquals("application/json", r.contentType());
          assertEquals("Not found: GET /nope", r.json().getString("error"));
          return r;
        })
        .compose(v -> exchange(HttpMethod.GET, "/", null))
        .map(r -> {
          assertEquals(405, r.status());
          assertEquals("POST", r.allow());
          assertEquals("application/json", r.contentType());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aDeclaredOversizedBodyIs413AndTheServerKeepsServing(VertxTestContext test) {
    exchange(HttpMethod.POST, "/", Buffer.buffer(padded(LIMIT + 1)))
        .map(r -> {
          assertTooLarge(r);
          return r;
        })
        .compose(v -> exchange(HttpMethod.POST, "/", Buffer.buffer(promiseGet("after-413"))))
        .map(r -> {
          assertEquals(404, r.status());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aChunkedOversizedBodyIs413AndTheConnectionStaysUsable(VertxTestContext test) {
    byte[] body = padded(3 * LIMIT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    client.request(HttpMethod.POST, "/")
        .compose(request -> {
          request.setChunked(true);
          HttpConnection connection = request.connection();
          for (int offset = 0; offset < body.length; offset += 256) {
            request.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, offset, Math.min(body.length, offset + 256))));
          }
          return request.end()
              .compose(v -> request.response())
              .compose(response -> Answer.of(response))
              .map(r -> {
                assertTooLarge(r);
                return connection;
              });
        })
        .compose(first -> client.request(HttpMethod.POST, "/")
            .compose(request -> {
              assertSame(first, request.connection(), "the pooled connection is reused");
              return request.send(promiseGet("same-connection")).compose(Answer::of);
            }))
        .map(r -> {
          assertEquals(404, r.status());
          return r;
        })
        .onComplete(test.succeedingThenComplete());
  }

  private static void assertTooLarge(Answer r) {
    assertEquals(413, r.status());
    assertEquals("application/json", r.contentType());
    JsonObject json = r.json();
    assertEquals("unknown", json.getString("kind"));
    assertEquals("0", json.getJsonObject("head").getString("corrId"));
    assertEquals(413, json.getJsonObject("head").getInteger("status"));
    assertEquals("Request body too large: the limit is " + LIMIT + " bytes", json.getString("data"));
  }

  private Future<Answer> legacy(HttpMethod method, String path) {
    return exchange(method, path, null).map(r -> {
      assertEquals(410, r.status(), method + " " + path);
      assertEquals("application/json", r.contentType());
      assertEquals(LEGACY, r.json().getString("error"));
      return r;
    });
  }

  private Future<Answer> exchange(HttpMethod method, String path, Buffer body) {
    return client.request(method, path)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(Answer::of);
  }

  private static Future<Integer> get(Vertx vertx, int port) {
    HttpClient plain = vertx.createHttpClient();
    return plain.request(HttpMethod.GET, port, "127.0.0.1", "/ready")
        .compose(request -> request.send())
        .compose(response -> response.body().map(b -> response.statusCode()))
        .eventually(() -> plain.close());
  }

  /** A valid promise.get envelope. */
  private static String promiseGet(String id) {
    return "{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c\",\"version\":\"" + ProtocolVersion.CURRENT
        + "\"},\"data\":{\"id\":\"" + id + "\"}}";
  }

  /** A valid envelope padded with an ignored data field to exactly {@code size} bytes. */
  private static String padded(int size) {
    String head = "{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c\",\"version\":\"" + ProtocolVersion.CURRENT
        + "\"},\"data\":{\"id\":\"p\",\"pad\":\"";
    String tail = "\"}}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  /** A response read to its end. */
  private record Answer(int status, String contentType, String allow, Buffer body) {
    static Future<Answer> of(HttpClientResponse response) {
      return response.body().map(b -> new Answer(response.statusCode(), response.getHeader("content-type"),
          response.getHeader("allow"), b));
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }
}
