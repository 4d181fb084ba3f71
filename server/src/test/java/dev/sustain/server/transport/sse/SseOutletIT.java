package dev.sustain.server.transport.sse;

import static dev.sustain.server.transport.sse.PollHarness.await;
import static dev.sustain.server.transport.sse.PollHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SseOutlet}'s own bounds over a real socket, without the router's window in front of it. */
class SseOutletIT {

  private static final int BUFFER_SIZE = 8;

  private Vertx serverVertx;
  private Vertx clientVertx;
  private final AtomicReference<SseOutlet> outlet = new AtomicReference<>();
  private int port;

  @BeforeEach
  void start() {
    serverVertx = Vertx.vertx();
    clientVertx = Vertx.vertx();
    // Small socket buffers, so a worker that stops reading backs writes up after kilobytes, not megabytes.
    HttpServer server = serverVertx.createHttpServer(new HttpServerOptions().setSendBufferSize(32 * 1024))
        .requestHandler(request -> {
      request.response().setChunked(true).putHeader("Content-Type", PollEndpoint.EVENT_STREAM);
      SseOutlet o = new SseOutlet(serverVertx, serverVertx.getOrCreateContext(), request.response(),
          request.connection(), "g", "w", ProtocolCodec.DEFAULT, BUFFER_SIZE);
      o.open(60_000, () -> {});
      outlet.set(o);
    });
    port = await(server.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() {
    await(clientVertx.close());
    await(serverVertx.close());
  }

  private static Message big(int i) {
    Value value = new Value(Map.of(), "B".repeat(1024 * 1024));
    return new Unblock(new PromiseRecord("p" + i, PromiseState.RESOLVED, Value.EMPTY, value, Map.of(), 0, 0, 1L));
  }

  /** Runs {@code action} on the outlet's context and waits for its result. */
  private <T> T onOutlet(java.util.function.Supplier<T> action) {
    Context context = outlet.get().context();
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(action.get()));
    return await(result.future());
  }

  @Test
  void aWorkerThatStopsReadingIsMarkedUnwritableAndThenClosedAtTheCap() {
    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(32 * 1024));
    HttpClientResponse response = await(client.request(HttpMethod.GET, port, "127.0.0.1", "/poll/g/w")
        .compose(request -> request.send()));
    response.pause();
    Promise<Void> ended = Promise.promise();
    response.exceptionHandler(e -> ended.tryComplete());
    response.endHandler(v -> ended.tryComplete());
    eventually(5, "outlet opened", () -> outlet.get() != null);
    SseOutlet o = outlet.get();

    List<Future<Void>> sends = new ArrayList<>();
    boolean sawUnwritable = false;
    for (int i = 0; i < 64 && !o.closed().isComplete(); i++) {
      int n = i;
      sends.add(onOutlet(() -> o.send(big(n))));
      sawUnwritable |= !o.writable();
      assertTrue(onOutlet(o::unflushed) <= BUFFER_SIZE, "never more than the cap waits in memory");
    }
    assertTrue(sawUnwritable, "a full write queue makes the outlet unwritable before the cap is reached");
    await(o.closed());
    assertFalse(o.writable());
    Future<Void> refused = sends.get(sends.size() - 1);
    eventually(5, "the send over the cap is refused", refused::isComplete);
    assertTrue(refused.failed());
    assertTrue(refused.cause().getMessage().contains("slow consumer"), refused.cause().getMessage());
    assertTrue(onOutlet(() -> o.send(big(99))).failed(), "a closed outlet refuses sends");
    response.resume();
    await(ended.future());
  }

  @Test
  void aDrainMakesTheOutletWritableAgainAndCallsBack() {
    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(32 * 1024));
    HttpClientResponse response = await(client.request(HttpMethod.GET, port, "127.0.0.1", "/poll/g/w")
        .compose(request -> request.send()));
    response.pause();
    eventually(5, "outlet opened", () -> outlet.get() != null);
    SseOutlet o = outlet.get();
    Promise<Void> drained = Promise.promise();
    onOutlet(() -> {
      o.open(60_000, drained::tryComplete);
      return null;
    });
    // Socket buffers absorb a few MiB first; stop as soon as the outlet reports back-pressure, below the cap.
    for (int i = 0; i < 64 && o.writable() && onOutlet(o::unflushed) < BUFFER_SIZE - 1; i++) {
      int n = i;
      onOutlet(() -> o.send(big(n)));
    }
    assertFalse(o.writable(), "unwritable while the worker does not read");
    assertFalse(o.closed().isComplete(), "back-pressure alone does not close the stream");
    response.handler(buffer -> {});
    response.resume();
    await(drained.future());
    assertTrue(o.writable());
    assertEquals(0, (int) onOutlet(o::unflushed));
  }
}
