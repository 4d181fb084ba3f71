package dev.sustain.server.transport.sse;

import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.codec.sse.SseEvent;
import dev.sustain.protocol.codec.sse.SseReader;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's end of {@code GET /poll/...} over a real socket: bytes go through {@link SseReader}, each event's data
 * is decoded with the protocol codec. Optionally acquires every execute it receives, like the SDK does.
 */
final class SseWorker {
  private final Promise<Void> opened = Promise.promise();
  private final Promise<Void> ended = Promise.promise();
  /** Raw event data, added before the decoded message: wait on {@link #messages}, then both hold the event. */
  final List<String> data = new CopyOnWriteArrayList<>();
  final List<Message> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger comments = new AtomicInteger();
  final AtomicInteger acquired = new AtomicInteger();
  private final PollHarness harness;
  private volatile HttpClientResponse response;
  private volatile Context context;
  private volatile String body;
  private volatile boolean autoAcquire;
  private volatile String pid = "worker";

  SseWorker(PollHarness harness, String path) {
    this.harness = harness;
    harness.http.request(HttpMethod.GET, harness.port(), "127.0.0.1", path)
        .compose(request -> request.putHeader("Accept", "text/event-stream").send())
        .onComplete(ar -> {
          if (ar.failed()) {
            opened.tryFail(ar.cause());
            return;
          }
          response = ar.result();
          context = harness.client.getOrCreateContext();
          if (response.statusCode() != 200) {
            response.body().onComplete(b -> {
              body = b.succeeded() ? b.result().toString() : "";
              opened.tryComplete();
              ended.tryComplete();
            });
            return;
          }
          SseReader reader = new SseReader(new SseReader.Listener() {
            @Override
            public void event(SseEvent event) {
              received(event.data());
            }

            @Override
            public void comment(String text) {
              comments.incrementAndGet();
            }
          });
          response.handler(buffer -> reader.feed(buffer.getBytes()));
          response.endHandler(v -> ended.tryComplete());
          response.exceptionHandler(e -> ended.tryComplete());
          opened.tryComplete();
        });
  }

  private void received(String json) {
    data.add(json);
    Message message;
    try {
      message = ProtocolCodec.DEFAULT.decodeMessage(json.getBytes(StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new AssertionError("undecodable event " + json, e);
    }
    messages.add(message);
    if (autoAcquire && message instanceof Execute execute) {
      harness.rpcAsync("task.acquire", new JsonObject()
              .put("id", execute.task().id())
              .put("version", execute.task().version())
              .put("pid", pid)
              .put("ttl", 60_000))
          .onSuccess(reply -> {
            if (reply.status() == 200) {
              acquired.incrementAndGet();
            }
          });
    }
  }

  /** Acquire every execute as it arrives (the SDK's behaviour). */
  SseWorker acquiring(String pid) {
    this.pid = pid;
    this.autoAcquire = true;
    return this;
  }

  Future<Void> opened() {
    return opened.future();
  }

  Future<Void> ended() {
    return ended.future();
  }

  int status() {
    return response == null ? -1 : response.statusCode();
  }

  String header(String name) {
    return response.getHeader(name);
  }

  /** The body of a non-200 answer. */
  String body() {
    return body;
  }

  List<Execute> executes() {
    return messages.stream().filter(Execute.class::isInstance).map(Execute.class::cast).toList();
  }

  /** Stops reading from the socket: the server's writes back up. */
  void pause() {
    context.runOnContext(v -> response.pause());
  }

  void resume() {
    context.runOnContext(v -> response.resume());
  }

  /** Closes the connection, as a worker process that exits. */
  void disconnect() {
    HttpClientResponse r = response;
    if (r != null && !ended.future().isComplete()) {
      PollHarness.await(r.request().connection().close());
    }
  }
}
