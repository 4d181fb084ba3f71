package dev.sustain.server.transport.sse;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.codec.sse.SseWriter;
import dev.sustain.protocol.message.Message;
import dev.sustain.server.routing.Outlet;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;

/**
 * One open {@code GET /poll/{group}/{id}} stream as a routing {@link Outlet}: each message becomes one
 * {@code data:} event, and an idle stream gets a {@code : keep-alive} comment every keep-alive interval.
 *
 * <p>Bounded: while the response's write queue is full the outlet reports itself not writable (the balancer
 * skips it) and becomes writable again on drain; more than {@code bufferSize} messages not yet flushed to the
 * socket means the worker stopped reading, and the connection is closed rather than buffered without bound.
 *
 * <p>Confined to the connection's context, except {@link #writable()}, which any thread may read.
 */
final class SseOutlet implements Outlet {

  /** Bytes queued on the connection beyond which it reports itself full: a few events, not megabytes. */
  static final int WRITE_QUEUE_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final Context context;
  private final HttpServerResponse response;
  private final HttpConnection connection;
  private final String group;
  private final String id;
  private final ProtocolCodec codec;
  private final int bufferSize;
  private final Promise<Void> closed = Promise.promise();
  private Runnable drained = () -> {};

  private volatile boolean writable = true;
  private boolean terminated;
  private int unflushed;
  private long unflushedBytes;
  private long keepAliveTimer = -1;

  SseOutlet(
      Vertx vertx,
      Context context,
      HttpServerResponse response,
      HttpConnection connection,
      String group,
      String id,
      ProtocolCodec codec,
      int bufferSize) {
    this.vertx = vertx;
    this.context = context;
    this.response = response;
    this.connection = connection;
    this.group = group;
    this.id = id;
    this.codec = codec;
    this.bufferSize = bufferSize;
    response.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    response.closeHandler(v -> terminate());
    response.endHandler(v -> terminate());
    response.exceptionHandler(e -> terminate());
  }

  /**
   * Writes the 200 head and starts the keep-alive comments. Messages may already have been written (they send the
   * head implicitly).
   *
   * @param drained called on this context whenever a full write queue drains
   */
  void open(long keepAliveInterval, Runnable drained) {
    this.drained = drained;
    if (terminated) {
      return;
    }
    if (!response.headWritten()) {
      response.writeHead();
    }
    keepAliveTimer = vertx.setPeriodic(keepAliveInterval, t -> keepAlive());
  }

  @Override
  public String group() {
    return group;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public Future<Void> send(Message message) {
    if (terminated) {
      return Future.failedFuture("poll stream " + group + "/" + id + " is closed");
    }
    if (unflushed >= bufferSize) {
      // The worker is not reading: free its buffers instead of growing them; it reconnects when it recovers.
      connection.close();
      terminate();
      return Future.failedFuture("poll stream " + group + "/" + id + " closed: slow consumer");
    }
    Buffer frame = Buffer.buffer(SseWriter.event(codec.encodeMessage(message)));
    int length = frame.length();
    unflushed++;
    unflushedBytes += length;
    Future<Void> written = response.write(frame);
    written.onComplete(ar -> {
      unflushed--;
      unflushedBytes -= length;
      maybeWritable();
    });
    watchQueue();
    return written;
  }

  @Override
  public Future<Void> closed() {
    return closed.future();
  }

  @Override
  public void close() {
    if (terminated) {
      return;
    }
    response.end().onComplete(ar -> connection.close());
    terminate();
  }

  /** Messages written and not yet flushed to the socket; for tests. */
  int unflushed() {
    return unflushed;
  }

  private void keepAlive() {
    if (!terminated && !response.writeQueueFull()) {
      response.write(Buffer.buffer(SseWriter.KEEP_ALIVE));
    }
  }

  /**
   * Unwritable above {@link #WRITE_QUEUE_BYTES} unflushed bytes (counted here, because the connection's own
   * queue-full flag does not reliably reflect bytes already handed to the socket layer) or while the connection
   * says its queue is full.
   */
  private void watchQueue() {
    if (writable && !terminated && (unflushedBytes > WRITE_QUEUE_BYTES || response.writeQueueFull())) {
      writable = false;
      response.drainHandler(v -> maybeWritable());
    }
  }

  /** Writable again once below half the threshold (hysteresis, so it does not flap per event). */
  private void maybeWritable() {
    if (!writable && !terminated && unflushedBytes <= WRITE_QUEUE_BYTES / 2 && !response.writeQueueFull()) {
      writable = true;
      drained.run();
    }
  }

  private void terminate() {
    if (terminated) {
      return;
    }
    terminated = true;
    writable = false;
    if (keepAliveTimer != -1) {
      vertx.cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
    closed.tryComplete();
  }
}
