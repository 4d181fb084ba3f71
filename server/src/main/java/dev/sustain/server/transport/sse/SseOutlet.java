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
    unflushed++;
    Future<Void> written = response.write(Buffer.buffer(SseWriter.event(codec.encodeMessage(message))));
    written.onComplete(ar -> unflushed--);
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

  private void watchQueue() {
    if (writable && response.writeQueueFull()) {
      writable = false;
      response.drainHandler(v -> {
        if (!terminated) {
          writable = true;
          drained.run();
        }
      });
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
