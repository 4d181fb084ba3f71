package dev.sustain.server.transport.websocket;

import dev.sustain.protocol.Status;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.server.rpc.RpcProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted WebSocket: reassembles request messages from frames, runs each through the shared
 * {@link RpcProcessor} (the same pipeline as {@code POST /}), writes each answer as one text message as soon as it
 * is ready (so answers may overtake each other), and carries pushed messages for a {@link WsOutlet}.
 *
 * <p>Bounds: a request message over {@code maxMessageBytes} is answered 413 and skipped; at {@code maxInFlight}
 * requests being processed, or with {@code writeQueueBytes} written but not yet flushed, the socket is not read
 * (TCP pushes back on the client); a write that would take the unflushed bytes past {@code maxWriteQueueBytes}
 * closes the socket as a slow consumer. A ping goes out every {@code pingInterval}; no pong within
 * {@code pongTimeout} closes the socket as a dead peer.
 *
 * <p>Threading: confined to the socket's event-loop context; answers computed elsewhere hop back onto it.
 */
final class WsConnection {
  private static final Logger LOG = Logger.getLogger(WsConnection.class.getName());

  /** Normal closure: the server shuts down or ends the connection on purpose. */
  static final short CLOSE_NORMAL = 1000;

  /** Policy violation: the peer does not read what it is sent (slow consumer). */
  static final short CLOSE_POLICY = 1008;

  /** Going away: the peer stopped answering pings. */
  static final short CLOSE_GOING_AWAY = 1001;

  /** Try again later: the server is at its connection capacity. */
  static final short CLOSE_TRY_AGAIN_LATER = 1013;

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final Context context;
  private final RpcProcessor processor;
  private final ProtocolCodec codec;
  private final WebSocketConfig config;
  private final String label;
  private final AtomicLong totalQueued;
  private final Promise<Void> closed = Promise.promise();

  private Buffer message;
  private boolean binary;
  private boolean skipping;
  private int inFlight;
  private long queuedBytes;
  private boolean readPaused;
  private volatile boolean writable = true;
  private Runnable onDrain = () -> { };
  private long pingTimer = -1;
  private long pongTimer = -1;
  private boolean awaitingPong;
  private boolean shut;

  WsConnection(ServerWebSocket ws, Vertx vertx, RpcProcessor processor, ProtocolCodec codec,
      WebSocketConfig config, String label, AtomicLong totalQueued) {
    this.ws = ws;
    this.totalQueued = totalQueued;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.processor = processor;
    this.codec = codec;
    this.config = config;
    this.label = label;
  }

  /** Installs the handlers and starts the keep-alive; called once, on the socket's context. */
  void start() {
    ws.frameHandler(this::frame);
    ws.pongHandler(b -> pong());
    ws.exceptionHandler(t -> {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine("WebSocket " + label + ": " + t);
      }
    });
    ws.closeHandler(v -> terminate("closed by the peer"));
    // Without this the listener's graceful shutdown waits its whole timeout for every open socket.
    ws.shutdownHandler(v -> close(CLOSE_GOING_AWAY, "server shutting down"));
    pingTimer = vertx.setPeriodic(config.pingInterval(), id -> ping());
  }

  Context context() {
    return context;
  }

  /** Completes once the connection is gone for good; never fails. */
  Future<Void> closed() {
    return closed.future();
  }

  /** Whether the connection is open and not backed up past its soft limit (see {@link #flowControl}). Any thread. */
  boolean writable() {
    return writable;
  }

  /** Called each time the connection becomes writable again after being over its soft limit. */
  void onDrain(Runnable action) {
    this.onDrain = action;
  }

  /** Ends the connection with a close frame; the connection counts as gone at once. */
  void close(short code, String reason) {
    if (terminate(reason)) {
      ws.close(code, reason);
    }
  }

  /**
   * Writes one text message. Completes once the bytes were handed to the socket; fails if the connection is gone
   * or the write would exceed the hard queue cap (the connection is then closed as a slow consumer).
   */
  Future<Void> write(byte[] json) {
    if (shut) {
      return Future.failedFuture("WebSocket " + label + " is closed");
    }
    int length = json.length;
    // A single large answer on an empty queue is allowed: the cap bounds a backlog, not one message.
    if (queuedBytes > 0 && queuedBytes + length > config.maxWriteQueueBytes()) {
      LOG.warning("Closing WebSocket " + label + ": slow consumer, " + queuedBytes + " bytes unflushed");
      close(CLOSE_POLICY, "slow consumer: more than " + config.maxWriteQueueBytes() + " bytes unread");
      return Future.failedFuture("WebSocket " + label + " closed as a slow consumer");
    }
    queuedBytes += length;
    totalQueued.addAndGet(length);
    flowControl();
    return ws.writeTextMessage(new String(json, StandardCharsets.UTF_8)).andThen(ar -> {
      queuedBytes -= length;
      totalQueued.addAndGet(-length);
      flowControl();
    });
  }

  private void frame(WebSocketFrame frame) {
    if (shut) {
      return;
    }
    if (frame.isText() || frame.isBinary()) {
      binary = frame.isBinary();
      skipping = false;
      message = Buffer.buffer(frame.binaryData().length());
    } else if (!frame.isContinuation() || (message == null && !skipping)) {
      return;
    }
    if (skipping) {
      skipping = !frame.isFinal();
      return;
    }
    Buffer data = frame.binaryData();
    if ((long) message.length() + data.length() > config.maxMessageBytes()) {
      message = null;
      skipping = !frame.isFinal();
      answer(Response.error(DecodeException.UNKNOWN_KIND, DecodeException.UNKNOWN_CORR_ID,
          Status.PAYLOAD_TOO_LARGE, "Request too large: the limit is " + config.maxMessageBytes() + " bytes"));
      return;
    }
    message.appendBuffer(data);
    if (!frame.isFinal()) {
      return;
    }
    byte[] bytes = message.getBytes();
    message = null;
    if (binary) {
      rejectBinary(bytes);
    } else {
      request(bytes);
    }
  }

  /** Binary frames are refused, echoing the kind and corrId when the payload happens to be an envelope. */
  private void rejectBinary(byte[] bytes) {
    String kind = DecodeException.UNKNOWN_KIND;
    String corrId = DecodeException.UNKNOWN_CORR_ID;
    try {
      var envelope = codec.decodeEnvelope(bytes);
      kind = envelope.kind();
      corrId = envelope.head().corrId();
    } catch (DecodeException e) {
      kind = e.kind();
      corrId = e.corrId();
    }
    answer(Response.error(kind, corrId, Status.BAD_REQUEST,
        "Invalid request envelope: binary frames are not supported, send each envelope as one text message"));
  }

  private void request(byte[] bytes) {
    inFlight++;
    flowControl();
    processor.process(bytes).onComplete(ar -> onContext(() -> {
      inFlight--;
      if (ar.succeeded()) {
        answer(ar.result());
      }
      flowControl();
    }));
  }

  private void answer(Response<?> response) {
    if (!shut) {
      write(processor.encode(response));
    }
  }

  /** Reads only while below both limits; tells the outlet's router when writes drained below the soft limit. */
  private void flowControl() {
    if (shut) {
      return;
    }
    // Hysteresis: once over the soft limit, stay unwritable until half of it drained, so a socket hovering at
    // the limit does not flip (and wake the router) on every message.
    boolean overQueue = writable
        ? queuedBytes >= config.writeQueueBytes()
        : queuedBytes >= config.writeQueueBytes() / 2;
    boolean wasWritable = writable;
    writable = !overQueue;
    boolean pause = overQueue || inFlight >= config.maxInFlight();
    if (pause && !readPaused) {
      readPaused = true;
      ws.pause();
    } else if (!pause && readPaused) {
      readPaused = false;
      ws.resume();
    }
    if (!wasWritable && writable) {
      onDrain.run();
    }
  }

  private void ping() {
    if (shut || awaitingPong) {
      return;
    }
    awaitingPong = true;
    ws.writePing(Buffer.buffer());
    armPongTimer();
  }

  private void armPongTimer() {
    pongTimer = vertx.setTimer(config.pongTimeout(), id -> {
      pongTimer = -1;
      if (!awaitingPong || shut) {
        return;
      }
      if (readPaused && writable) {
        // Reading is paused because the server is slow (in-flight limit), so a pong may sit unread: not the
        // peer's fault. Look again once answers have gone out and reading resumed.
        armPongTimer();
        return;
      }
      LOG.info("Closing WebSocket " + label + ": no pong within " + config.pongTimeout() + " ms");
      close(CLOSE_GOING_AWAY, "no pong within " + config.pongTimeout() + " ms");
    });
  }

  private void pong() {
    awaitingPong = false;
    if (pongTimer != -1) {
      vertx.cancelTimer(pongTimer);
      pongTimer = -1;
    }
  }

  /** Marks the connection gone (once): timers stop and {@link #closed()} completes, which unregisters it. */
  private boolean terminate(String reason) {
    if (shut) {
      return false;
    }
    shut = true;
    writable = false;
    message = null;
    vertx.cancelTimer(pingTimer);
    if (pongTimer != -1) {
      vertx.cancelTimer(pongTimer);
    }
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("WebSocket " + label + " gone: " + reason);
    }
    closed.tryComplete();
    return true;
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
