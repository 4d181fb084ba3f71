package dev.sustain.client.transport;

import dev.sustain.client.ClientOptions;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.codec.sse.SseEvent;
import dev.sustain.protocol.codec.sse.SseLimitException;
import dev.sustain.protocol.codec.sse.SseReader;
import dev.sustain.protocol.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;

/**
 * Keeps one SSE stream ({@code GET /poll/{group}/{id}}, spec §1.9) open for a worker and hands each event's
 * message to the handler. Whenever the stream ends, fails or is refused, it reopens it after a {@link Backoff}
 * delay; the server registers the worker again on every successful open, so no explicit re-registration exists.
 * Messages sent while the stream was down are lost (spec §1.9 "dropped"), which the protocol's retry timers
 * cover.
 *
 * <p>Confined to the context it was created on.
 */
final class SseListener {
  private static final System.Logger LOG = System.getLogger(SseListener.class.getName());

  /**
   * Milliseconds without a byte before the stream is considered dead. The server sends a keep-alive comment every
   * 15–30 s (spec §1.9 [J]), so silence for this long means a half-open connection, not an idle worker.
   */
  static final long IDLE_TIMEOUT = 90_000;

  private final Context context;
  private final HttpClientAgent client;
  private final ClientOptions options;
  private final ProtocolCodec codec;
  private final String path;
  private final Handler<Message> handler;
  private final Backoff backoff;
  private HttpClientRequest current;
  private long reconnectTimer = -1;
  private boolean stopped;
  /** Incremented per open; callbacks of an older stream carry a stale value and are ignored. */
  private long generation;

  SseListener(Vertx vertx, HttpClientAgent client, ClientOptions options, ProtocolCodec codec, ServerUrl url,
      Handler<Message> handler) {
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.options = options;
    this.codec = codec;
    this.path = url.pollPath(options.getGroup(), options.getId());
    this.handler = handler;
    this.backoff = new Backoff(options.getReconnectBackoffMin(), options.getReconnectBackoffMax());
  }

  void start() {
    context.runOnContext(v -> open());
  }

  void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (reconnectTimer != -1) {
        context.owner().cancelTimer(reconnectTimer);
      }
      if (current != null) {
        current.reset();
      }
    });
  }

  private void open() {
    reconnectTimer = -1;
    if (stopped) {
      return;
    }
    long gen = ++generation;
    RequestOptions req = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setURI(path)
        .setIdleTimeout(IDLE_TIMEOUT)
        .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
    if (options.getToken() != null) {
      req.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + options.getToken());
    }
    client.request(req)
        .compose(r -> {
          current = r;
          return r.send();
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            retry(gen, "cannot open " + path + ": " + ar.cause());
          } else {
            stream(gen, ar.result());
          }
        });
  }

  private void stream(long gen, HttpClientResponse resp) {
    if (resp.statusCode() != 200) {
      resp.handler(b -> { });
      resp.endHandler(v -> retry(gen, path + " answered HTTP " + resp.statusCode()));
      resp.exceptionHandler(t -> retry(gen, path + " answered HTTP " + resp.statusCode()));
      return;
    }
    backoff.reset();
    int limit = options.getMaxMessageSize();
    SseReader reader = new SseReader(new SseReader.Listener() {
      @Override
      public void event(SseEvent event) {
        deliver(event);
      }
    }, limit + 16, limit);
    resp.handler(chunk -> {
      if (gen != generation) {
        return;
      }
      try {
        reader.feed(chunk.getBytes());
      } catch (SseLimitException e) {
        LOG.log(System.Logger.Level.WARNING, "closing message stream {0}: {1}", path, e.getMessage());
        HttpClientRequest req = current;
        retry(gen, e.getMessage());
        if (req != null) {
          req.reset();
        }
      }
    });
    resp.exceptionHandler(t -> retry(gen, "message stream " + path + " failed: " + t));
    resp.endHandler(v -> retry(gen, "message stream " + path + " ended"));
  }

  private void deliver(SseEvent event) {
    if (!SseEvent.MESSAGE.equals(event.type())) {
      return;
    }
    Message message;
    try {
      message = codec.decodeMessage(event.data().getBytes(StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      LOG.log(System.Logger.Level.WARNING, "dropping malformed message on {0}: {1}", path, e.getMessage());
      return;
    }
    try {
      handler.handle(message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "message handler failed on " + message.kind(), e);
    }
  }

  /** Schedules the next open; end and exception handlers may both fire for one stream, so only the first counts. */
  private void retry(long gen, String why) {
    if (gen != generation || stopped || reconnectTimer != -1) {
      return;
    }
    current = null;
    long delay = backoff.next();
    LOG.log(System.Logger.Level.DEBUG, "{0}; reconnecting in {1} ms", why, delay);
    reconnectTimer = context.owner().setTimer(delay, id -> open());
  }
}
