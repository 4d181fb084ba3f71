package dev.sustain.client.transport;

import dev.sustain.client.ClientOptions;
import dev.sustain.client.TransportException;
import dev.sustain.protocol.codec.FrameHead;
import dev.sustain.protocol.Kind;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.Unblock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket binding ({@code docs/websocket.md}): every request is one text frame on one long-lived socket,
 * answers come back in any order and are matched by {@code head.corrId}, and a worker's {@code execute}/{@code
 * unblock} messages are pushed on the same socket.
 *
 * <p>Connection policy: the socket is opened on first use. A request made while disconnected starts (or joins)
 * a connection attempt at once and fails if that attempt fails, so requests never wait on a backoff timer. Until
 * {@link #subscribe} the socket is a request-only {@code /ws}, so a client with a worker id that has not asked
 * for messages is not registered and cannot have messages delivered to nobody; on subscribe, a request-only
 * socket is retired (closed once its answers are in) and {@code /ws/{group}/{id}} takes over. A worker is kept
 * connected: when its socket drops or cannot be opened it reconnects after a {@link Backoff} delay, and the
 * server registers it again on the new socket. Requests written to a socket that drops fail with a
 * {@link TransportException}; they are not resent, because only the caller knows whether resending is right.
 *
 * <p>Threading: callable from any thread; socket state is confined to the context captured at construction, and
 * the in-flight table is concurrent because callers' timeouts remove entries from their own threads.
 */
public final class WebSocketTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(WebSocketTransport.class.getName());

  /**
   * Seconds without a byte from the server before the socket is presumed dead and dropped. The server pings
   * every 30 s by default (its {@code pingInterval}), and any frame counts, so only a dead peer stays silent
   * this long.
   */
  static final int READ_IDLE_TIMEOUT_SECONDS = 90;

  private final Context context;
  private final WebSocketClient client;
  private final ClientOptions options;
  private final ProtocolCodec codec;
  private final WebSocketConnectOptions workerConnect;
  private final WebSocketConnectOptions clientConnect;
  private final String workerTarget;
  private final String clientTarget;
  private final Backoff backoff;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

  private volatile WebSocket socket;
  private boolean socketIsWorker;
  private Future<WebSocket> connecting;
  /** Request-only sockets replaced by a worker socket, closed once their answers are in. */
  private final Set<WebSocket> retiring = new HashSet<>();
  private volatile boolean anyRetiring;
  private long reconnectTimer = -1;
  private volatile Handler<Message> handler;
  private volatile boolean closed;

  /** A request waiting for its answer, and the socket it was written to ({@code null} until written). */
  private static final class InFlight {
    final Kind kind;
    final Promise<Response<?>> answer;
    WebSocket sentOn;

    InFlight(Kind kind, Promise<Response<?>> answer) {
      this.kind = kind;
      this.answer = answer;
    }
  }

  public WebSocketTransport(Vertx vertx, ClientOptions options, ProtocolCodec codec) {
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.codec = codec;
    ServerUrl url = ServerUrl.parse(options.getUrl());
    String workerPath = options.getId() == null ? null : url.webSocketPath(options.getGroup(), options.getId());
    String clientPath = url.webSocketPath(options.getGroup(), null);
    String origin = (url.ssl() ? "wss://" : "ws://") + url.host() + ":" + url.port();
    this.workerTarget = workerPath == null ? null : origin + workerPath;
    this.clientTarget = origin + clientPath;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxMessageSize(options.getMaxMessageSize())
        .setReadIdleTimeout(READ_IDLE_TIMEOUT_SECONDS)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getConnectTimeout())));
    this.clientConnect = connectOptions(url, clientPath, options);
    this.workerConnect = workerPath == null ? null : connectOptions(url, workerPath, options);
    this.backoff = new Backoff(options.getReconnectBackoffMin(), options.getReconnectBackoffMax());
  }

  private static WebSocketConnectOptions connectOptions(ServerUrl url, String path, ClientOptions options) {
    WebSocketConnectOptions connect = new WebSocketConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setSsl(url.ssl())
        .setURI(path)
        .setConnectTimeout(options.getConnectTimeout());
    if (options.getToken() != null) {
      connect.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + options.getToken());
    }
    return connect;
  }

  private String target() {
    return handler != null ? workerTarget : clientTarget;
  }

  @Override
  public void send(Request<?> request, Promise<Response<?>> answer) {
    if (Vertx.currentContext() == context) {
      write(request, answer);
    } else {
      context.runOnContext(v -> write(request, answer));
    }
  }

  private void write(Request<?> request, Promise<Response<?>> answer) {
    if (closed) {
      answer.tryFail(new TransportException("client closed"));
      return;
    }
    if (answer.future().isComplete()) {
      return;
    }
    byte[] body = codec.encodeRequest(request);
    if (body.length > options.getMaxMessageSize()) {
      answer.tryFail(new TransportException(request.kind() + " of " + body.length
          + " bytes exceeds maxMessageSize (" + options.getMaxMessageSize() + " bytes); not sent"));
      return;
    }
    String corrId = request.head().corrId();
    InFlight entry = new InFlight(request.kind(), answer);
    if (inFlight.putIfAbsent(corrId, entry) != null) {
      answer.tryFail(new IllegalArgumentException("corrId " + corrId + " is already in flight on this socket"));
      return;
    }
    answer.future().onComplete(ar -> {
      inFlight.remove(corrId, entry);
      WebSocket sentOn = entry.sentOn;
      if (anyRetiring && sentOn != null) {
        context.runOnContext(v -> closeIfIdle(sentOn));
      }
    });
    String text = new String(body, StandardCharsets.UTF_8);
    connect().onComplete(ar -> {
      if (ar.failed()) {
        answer.tryFail(new TransportException("cannot connect to " + target() + ": " + ar.cause(), ar.cause()));
      } else if (!answer.future().isComplete()) {
        entry.sentOn = ar.result();
        ar.result().writeTextMessage(text).onFailure(t -> answer.tryFail(
            new TransportException("writing " + request.kind() + " to " + target() + " failed: " + t, t)));
      }
    });
  }

  /** The open socket, or the attempt under way, or a new attempt. */
  private Future<WebSocket> connect() {
    if (socket != null) {
      return Future.succeededFuture(socket);
    }
    if (connecting != null) {
      return connecting;
    }
    if (reconnectTimer != -1) {
      context.owner().cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
    boolean worker = handler != null;
    connecting = client.connect(worker ? workerConnect : clientConnect).andThen(ar -> {
      connecting = null;
      if (ar.succeeded()) {
        opened(ar.result(), worker);
      } else {
        LOG.log(System.Logger.Level.DEBUG, "cannot connect to {0}: {1}", target(), ar.cause());
        reconnectLater();
      }
    });
    return connecting;
  }

  private void opened(WebSocket ws, boolean worker) {
    if (closed) {
      ws.close();
      return;
    }
    socket = ws;
    socketIsWorker = worker;
    backoff.reset();
    if (!worker && handler != null) {
      // Subscribed while this request-only socket was being opened: let the requests that waited for it be
      // written (they run right after this), then hand over to a worker socket.
      context.runOnContext(v -> upgradeToWorker());
    }
    ws.textMessageHandler(text -> received(text));
    ws.binaryMessageHandler(b -> LOG.log(System.Logger.Level.WARNING,
        "ignoring a binary frame from {0}: the protocol uses text frames only", target()));
    ws.exceptionHandler(t -> LOG.log(System.Logger.Level.DEBUG, "socket {0}: {1}", target(), t));
    ws.closeHandler(v -> dropped(ws));
  }

  private void received(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    FrameHead peek = FrameHead.peek(bytes);
    if (Execute.KIND.equals(peek.kind()) || Unblock.KIND.equals(peek.kind())) {
      deliver(bytes);
      return;
    }
    InFlight entry = peek.corrId() == null ? null : inFlight.get(peek.corrId());
    if (entry == null) {
      // Late answers to timed-out requests land here, as do errors about frames the server could not read.
      LOG.log(System.Logger.Level.DEBUG, "discarding a frame from {0} that answers no request in flight: {1}",
          target(), text.length() > 200 ? text.substring(0, 200) : text);
      return;
    }
    if (!entry.kind.wire().equals(peek.kind())) {
      entry.answer.tryFail(new TransportException(
          "server answered a " + entry.kind + " request with kind " + peek.kind() + ": " + text));
      return;
    }
    try {
      entry.answer.tryComplete(codec.decodeResponse(entry.kind, bytes));
    } catch (DecodeException e) {
      entry.answer.tryFail(new TransportException("malformed answer to " + entry.kind + ": " + e.getMessage()));
    }
  }

  private void deliver(byte[] bytes) {
    Handler<Message> h = handler;
    Message message;
    try {
      message = codec.decodeMessage(bytes);
    } catch (DecodeException e) {
      LOG.log(System.Logger.Level.WARNING, "dropping a malformed message from {0}: {1}", target(),
          e.getMessage());
      return;
    }
    if (h == null) {
      LOG.log(System.Logger.Level.DEBUG, "dropping a {0} message: no handler subscribed", message.kind());
      return;
    }
    try {
      h.handle(message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "message handler failed on " + message.kind(), e);
    }
  }

  /** Replaces an open request-only socket by a worker socket; the old one closes once its answers are in. */
  private void upgradeToWorker() {
    WebSocket current = socket;
    if (closed || current == null || socketIsWorker) {
      return;
    }
    socket = null;
    retiring.add(current);
    anyRetiring = true;
    closeIfIdle(current);
    connect();
  }

  private void closeIfIdle(WebSocket ws) {
    if (!retiring.contains(ws)) {
      return;
    }
    for (InFlight entry : inFlight.values()) {
      if (entry.sentOn == ws && !entry.answer.future().isComplete()) {
        return;
      }
    }
    retiring.remove(ws);
    anyRetiring = !retiring.isEmpty();
    ws.close();
  }

  private void dropped(WebSocket ws) {
    if (socket == ws) {
      socket = null;
    }
    if (retiring.remove(ws)) {
      anyRetiring = !retiring.isEmpty();
    }
    String why = "connection to " + target() + " closed (" + ws.closeStatusCode()
        + (ws.closeReason() == null ? "" : " " + ws.closeReason())
        + ") with the request in flight; the server may or may not have applied it";
    List<InFlight> lost = new ArrayList<>();
    for (InFlight entry : inFlight.values()) {
      if (entry.sentOn == ws) {
        lost.add(entry);
      }
    }
    for (InFlight entry : lost) {
      entry.answer.tryFail(new TransportException(why));
    }
    reconnectLater();
  }

  /** A worker stays connected: schedule the next attempt unless one is already under way or due. */
  private void reconnectLater() {
    if (closed || handler == null || socket != null || connecting != null || reconnectTimer != -1) {
      return;
    }
    long delay = backoff.next();
    LOG.log(System.Logger.Level.DEBUG, "reconnecting to {0} in {1} ms", target(), delay);
    reconnectTimer = context.owner().setTimer(delay, id -> {
      reconnectTimer = -1;
      connect();
    });
  }

  @Override
  public synchronized void subscribe(Handler<Message> handler) {
    if (closed) {
      throw new IllegalStateException("client closed");
    }
    if (this.handler != null) {
      throw new IllegalStateException("messages are already being delivered to a handler");
    }
    this.handler = handler;
    context.runOnContext(v -> {
      upgradeToWorker();
      connect();
    });
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        done.complete();
        return;
      }
      closed = true;
      if (reconnectTimer != -1) {
        context.owner().cancelTimer(reconnectTimer);
      }
      for (InFlight entry : new ArrayList<>(inFlight.values())) {
        entry.answer.tryFail(new TransportException("client closed with the request in flight"));
      }
      Future<Void> socketClosed = socket == null ? Future.succeededFuture() : socket.close();
      socket = null;
      retiring.forEach(WebSocket::close);
      retiring.clear();
      socketClosed.eventually(() -> client.close()).onComplete(done);
    });
    return done.future();
  }

  /** Whether a socket is open now (for tests and health reporting). */
  public boolean isConnected() {
    return socket != null;
  }
}
