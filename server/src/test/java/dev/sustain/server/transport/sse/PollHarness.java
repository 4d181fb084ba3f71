package dev.sustain.server.transport.sse;

import dev.sustain.server.SustainServer;
import dev.sustain.server.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A real {@link SustainServer} on a free loopback port plus a client-side Vert.x that talks to it over sockets:
 * RPCs as raw JSON envelopes, poll streams as {@link SseWorker}s. Test threads block on the futures; the client
 * callbacks run on the client Vert.x's event loops.
 */
final class PollHarness implements AutoCloseable {
  static final String VERSION = "2026-04-01";

  private final List<String> flags;
  private SustainServer server;
  final Vertx client = Vertx.vertx();
  final HttpClient http =
      client.createHttpClient(new HttpClientOptions().setMaxInitialLineLength(8192),
          new PoolOptions().setHttp1MaxSize(2_000));
  private final AtomicLong corrIds = new AtomicLong();
  private final java.net.http.HttpClient blocking = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1)
      .build();
  private final List<SseWorker> workers = new ArrayList<>();

  /** What {@code POST /} answered. */
  record Reply(int status, JsonObject body) {
    JsonObject data() {
      return body.getJsonObject("data");
    }
  }

  private PollHarness(List<String> flags) {
    this.flags = flags;
  }

  /** Starts a server with {@code flags}, on 127.0.0.1 and a free port; the memory store unless a flag says else. */
  static PollHarness start(String... flags) {
    List<String> args = new ArrayList<>(List.of(flags));
    if (!args.contains("--store")) {
      args.addAll(List.of("--store", "memory"));
    }
    args.addAll(List.of("--bind", "127.0.0.1"));
    PollHarness harness = new PollHarness(args);
    harness.startServer(0);
    return harness;
  }

  private void startServer(int port) {
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("--port", String.valueOf(port)));
    server = await(SustainServer.start(load(args)));
  }

  private static dev.sustain.server.config.ServerConfig load(List<String> args) {
    try {
      return ConfigLoader.load(Map.of(), args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server and starts a new one with the same flags on the same port (same database file). */
  void restart() {
    int port = server.port();
    await(server.close());
    startServer(port);
  }

  int port() {
    return server.port();
  }

  SustainServer server() {
    return server;
  }

  /** Opens {@code GET path} as an event stream and waits for the response head. */
  SseWorker open(String path) {
    SseWorker worker = new SseWorker(this, path);
    workers.add(worker);
    await(worker.opened());
    return worker;
  }

  /** Opens {@code /poll/{group}/{id}} and expects 200. */
  SseWorker connect(String group, String id) {
    SseWorker worker = open("/poll/" + group + "/" + id);
    if (worker.status() != 200) {
      throw new AssertionError("poll stream " + group + "/" + id + " answered " + worker.status());
    }
    return worker;
  }

  /** Sends one request envelope without blocking. */
  Future<Reply> rpcAsync(String kind, JsonObject data) {
    JsonObject envelope = new JsonObject()
        .put("kind", kind)
        .put("head", new JsonObject().put("corrId", "poll-it-" + corrIds.incrementAndGet()).put("version", VERSION))
        .put("data", data);
    return http.request(HttpMethod.POST, port(), "127.0.0.1", "/")
        .compose(request -> request.putHeader("Content-Type", "application/json").send(envelope.toBuffer()))
        .compose(response -> response.body().map(body -> new Reply(response.statusCode(), new JsonObject(body))));
  }

  /** Sends one request envelope from a test thread, over the JDK client (blocking is fine here). */
  Reply rpc(String kind, JsonObject data) {
    JsonObject envelope = new JsonObject()
        .put("kind", kind)
        .put("head", new JsonObject().put("corrId", "poll-it-" + corrIds.incrementAndGet()).put("version", VERSION))
        .put("data", data);
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port() + "/"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope.encode()))
        .build();
    try {
      java.net.http.HttpResponse<String> response =
          blocking.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), new JsonObject(response.body()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a pending promise whose {@code resonate:target} is {@code target} (null: untargeted). */
  Reply createPromise(String id, String target) {
    JsonObject tags = new JsonObject();
    if (target != null) {
      tags.put("resonate:target", target);
    }
    Reply reply = rpc("promise.create", new JsonObject()
        .put("id", id)
        .put("timeoutAt", System.currentTimeMillis() + Duration.ofHours(1).toMillis())
        .put("param", new JsonObject())
        .put("tags", tags));
    if (reply.status() != 200) {
      throw new AssertionError("promise.create " + id + " answered " + reply);
    }
    return reply;
  }

  /** The outbox as {@code debug.snap} shows it (needs {@code --debug}). */
  JsonArray outbox() {
    Reply reply = rpc("debug.snap", new JsonObject());
    if (reply.status() != 200) {
      throw new AssertionError("debug.snap answered " + reply);
    }
    return reply.data().getJsonArray("messages");
  }

  static Buffer json(JsonObject o) {
    return o.toBuffer();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} every 10 ms for up to {@code seconds}. */
  static void eventually(int seconds, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      for (SseWorker worker : workers) {
        worker.disconnect();
      }
      if (server != null) {
        await(server.close());
      }
    } finally {
      await(client.close());
    }
  }
}
