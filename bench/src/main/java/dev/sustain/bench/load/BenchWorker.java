package dev.sustain.bench.load;

import dev.sustain.client.ClientOptions;
import dev.sustain.client.SustainClient;
import dev.sustain.client.TransportKind;
import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.model.SettleState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A worker as the SDK runs one: a {@link SustainClient} in a worker group that, on each {@code execute},
 * acquires the task and fulfills it at once (the function itself takes no time, so what is measured is the
 * server). Messages arrive over SSE or the worker's WebSocket; acquire and fulfill go over the same transport.
 * Callbacks run on the event loop of the shard that created it.
 */
final class BenchWorker {
  /** Lease long enough that no task expires while the run lasts. */
  private static final long TTL_MS = 60_000;

  private final SustainClient client;
  private final String pid;
  private final Dispatches dispatches;
  private final OpMetric acquire;
  private final OpMetric fulfill;

  BenchWorker(Vertx vertx, String url, boolean webSocket, String group, String pid, Dispatches dispatches,
      Metrics metrics) {
    this.pid = pid;
    this.dispatches = dispatches;
    this.acquire = metrics.op("task.acquire");
    this.fulfill = metrics.op("task.fulfill");
    this.client = SustainClient.create(vertx, new ClientOptions()
        .setUrl(url)
        .setTransport(webSocket ? TransportKind.WEBSOCKET : TransportKind.HTTP)
        .setGroup(group)
        .setId(pid)
        .setMaxInFlight(65_536)
        .setHttpPoolSize(32));
    client.messages(this::onMessage);
  }

  private void onMessage(Message message) {
    if (!(message instanceof Execute execute)) {
      return;
    }
    String id = execute.task().id();
    dispatches.executed(id);
    long t0 = System.nanoTime();
    client.taskAcquire(new TaskAcquire(id, execute.task().version(), pid, TTL_MS))
        .onFailure(t -> acquire.error(t.toString()))
        .compose(acquired -> {
          acquire.recordSince(t0);
          long t1 = System.nanoTime();
          PromiseSettle settle = new PromiseSettle(id, SettleState.RESOLVED, Templates.RESULT);
          Action<PromiseSettle> action = Action.of(settle, RequestHead.of(id, ProtocolVersion.CURRENT));
          return client.taskFulfill(new TaskFulfill(id, acquired.task().version(), action))
              .onSuccess(r -> fulfill.recordSince(t1))
              .onFailure(t -> fulfill.error(t.toString()));
        })
        .onSuccess(r -> dispatches.fulfilled(id));
  }

  Future<Void> close() {
    return client.close();
  }
}
