package dev.sustain.client.transport;

import dev.sustain.client.ClientOptions;
import dev.sustain.client.TransportException;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Message;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The HTTP binding (spec §1.2–§1.3, §1.9): one {@code POST} per request on pooled keep-alive connections, and an
 * {@link SseListener} for the worker's messages. Connection loss needs no reconnect logic here: the pool opens a
 * fresh connection for the next request, and the listener reconnects its stream with backoff.
 *
 * <p>Thread-safe: Vert.x's HTTP client may be used from any thread; answers complete on its event loops.
 */
public final class HttpTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());

  private final Vertx vertx;
  private final ClientOptions options;
  private final ProtocolCodec codec;
  private final ServerUrl url;
  private final HttpClientAgent client;
  private volatile SseListener listener;
  private volatile boolean closed;

  public HttpTransport(Vertx vertx, ClientOptions options, ProtocolCodec codec) {
    this.vertx = vertx;
    this.options = options;
    this.codec = codec;
    this.url = ServerUrl.parse(options.getUrl());
    HttpClientOptions http = new HttpClientOptions()
        .setDefaultHost(url.host())
        .setDefaultPort(url.port())
        .setSsl(url.ssl())
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getConnectTimeout()));
    // The wait queue is bounded by the client's in-flight limit plus the SSE stream, so it never grows past it.
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(options.getHttpPoolSize())
        .setMaxWaitQueueSize(options.getMaxInFlight() + 1);
    this.client = vertx.createHttpClient(http, pool);
  }

  @Override
  public void send(Request<?> request, Promise<Response<?>> answer) {
    if (closed) {
      answer.tryFail(new TransportException("client closed"));
      return;
    }
    byte[] body = codec.encodeRequest(request);
    RequestOptions req = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setURI(url.rpcPath())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.ACCEPT, "application/json");
    if (options.getToken() != null) {
      req.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + options.getToken());
    }
    client.request(req)
        .compose(r -> {
          // A request abandoned by its caller (timeout, close) must not keep a pooled connection busy.
          answer.future().onFailure(t -> r.reset());
          return r.send(Buffer.buffer(body)).compose(resp -> readBody(r, resp));
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            Throwable cause = ar.cause();
            answer.tryFail(cause instanceof TransportException
                ? cause
                : new TransportException(request.kind() + " to " + options.getUrl() + " failed: " + cause, cause));
            return;
          }
          HttpClientResponseBody resp = ar.result();
          try {
            Response<?> response = codec.decodeResponse(request.kind(), resp.body());
            if (!response.head().corrId().equals(request.head().corrId())) {
              answer.tryFail(new TransportException("answer to " + request.kind() + " carries corrId "
                  + response.head().corrId() + ", expected " + request.head().corrId()));
            } else {
              answer.tryComplete(response);
            }
          } catch (DecodeException e) {
            answer.tryFail(new TransportException("malformed answer to " + request.kind() + " (HTTP "
                + resp.status() + "): " + e.getMessage()));
          }
        });
  }

  /** The HTTP status and the body, read with a size bound so a misbehaving server cannot exhaust memory. */
  private Future<HttpClientResponseBody> readBody(HttpClientRequest req, HttpClientResponse resp) {
    Promise<HttpClientResponseBody> done = Promise.promise();
    int limit = options.getMaxMessageSize();
    Buffer acc = Buffer.buffer();
    resp.handler(chunk -> {
      if (acc.length() + chunk.length() > limit) {
        done.tryFail(new TransportException("answer larger than maxMessageSize (" + limit + " bytes)"));
        req.reset();
        return;
      }
      acc.appendBuffer(chunk);
    });
    resp.exceptionHandler(done::tryFail);
    resp.endHandler(v -> done.tryComplete(new HttpClientResponseBody(resp.statusCode(), acc.getBytes())));
    return done.future();
  }

  private record HttpClientResponseBody(int status, byte[] body) {}

  @Override
  public synchronized void subscribe(Handler<Message> handler) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    if (listener != null) {
      throw new IllegalStateException("messages are already being delivered to a handler");
    }
    listener = new SseListener(vertx, client, options, codec, url, handler);
    listener.start();
  }

  @Override
  public synchronized Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    if (listener != null) {
      listener.stop();
    }
    LOG.log(System.Logger.Level.DEBUG, "closing HTTP transport to {0}", options.getUrl());
    return client.close();
  }
}
