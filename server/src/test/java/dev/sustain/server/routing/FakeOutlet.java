package dev.sustain.server.routing;

import dev.sustain.protocol.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory outlet: records what it is sent. By default every send succeeds at once; {@link #holdSends()} keeps
 * them pending (a worker that stopped reading) until {@link #releaseSends()}, and {@link #failSends()} refuses them
 * (a connection that is closing).
 */
final class FakeOutlet implements Outlet {
  private final String group;
  private final String id;
  private final Context context;
  private final Promise<Void> closed = Promise.promise();
  final List<Message> received = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> pending = new ArrayList<>();
  private volatile boolean writable = true;
  private volatile boolean hold;
  private volatile boolean fail;

  FakeOutlet(Context context, String group, String id) {
    this.context = context;
    this.group = group;
    this.id = id;
  }

  void holdSends() {
    hold = true;
  }

  void failSends() {
    fail = true;
  }

  void writable(boolean writable) {
    this.writable = writable;
  }

  /** Completes held sends on the outlet's context. */
  void releaseSends() {
    context.runOnContext(v -> {
      hold = false;
      List<Promise<Void>> all = new ArrayList<>(pending);
      pending.clear();
      all.forEach(Promise::complete);
    });
  }

  int count() {
    return received.size();
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
    return writable && !closed.future().isComplete();
  }

  @Override
  public Future<Void> send(Message message) {
    if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() != context) {
      throw new AssertionError("send called off the outlet's context");
    }
    if (fail || closed.future().isComplete()) {
      return Future.failedFuture("closed");
    }
    received.add(message);
    if (hold) {
      Promise<Void> p = Promise.promise();
      pending.add(p);
      return p.future();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> closed() {
    return closed.future();
  }

  @Override
  public void close() {
    closed.tryComplete();
  }
}
