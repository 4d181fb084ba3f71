package dev.sustain.client;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal worker over {@link SustainClient}: on every {@code execute} it acquires the task and, unless told to
 * hold it, fulfils it by resolving the promise with its own id. Records what it acquired and completed.
 */
final class TestWorker {
  final String id;
  final SustainClient client;
  final Set<String> acquired = ConcurrentHashMap.newKeySet();
  final Set<String> completed = ConcurrentHashMap.newKeySet();
  private final long ttl;
  private volatile boolean hold;

  TestWorker(Vertx vertx, String url, TransportKind transport, String group, String id, long ttl) {
    this.id = id;
    this.ttl = ttl;
    this.client = SustainClient.create(vertx, new ClientOptions()
        .setUrl(url)
        .setTransport(transport)
        .setGroup(group)
        .setId(id)
        .setReconnectBackoffMin(50)
        .setReconnectBackoffMax(500));
    client.messages(message -> {
      if (message instanceof Execute execute) {
        run(execute);
      }
    });
  }

  /** Acquire executes but never fulfil them (a worker that dies mid-task). */
  TestWorker holding() {
    hold = true;
    return this;
  }

  private void run(Execute execute) {
    String task = execute.task().id();
    client.taskAcquire(new TaskAcquire(task, execute.task().version(), id, ttl))
        .compose(result -> {
          acquired.add(task);
          if (hold) {
            return Future.succeededFuture();
          }
          RequestHead head = RequestHead.of("fulfil-" + task, ProtocolVersion.CURRENT);
          return client.taskFulfill(new TaskFulfill(task, result.task().version(),
                  Action.of(new PromiseSettle(task, SettleState.RESOLVED, new Value(null, id)), head)))
              .onSuccess(r -> completed.add(task));
        });
  }

  Future<Void> close() {
    return client.close();
  }
}
