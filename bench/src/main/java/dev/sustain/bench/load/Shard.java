package dev.sustain.bench.load;

import dev.sustain.client.ClientOptions;
import dev.sustain.client.SustainClient;
import dev.sustain.client.TransportKind;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Unblock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the load one generator event loop drives: its share of the connections, their loops, and its share
 * of the workers. Everything a shard owns is confined to its event loop, so the hot path takes no locks; only the
 * metrics and {@link Dispatches} are shared.
 */
final class Shard extends VerticleBase {
  private final Plan plan;
  private final int index;
  private final int connections;
  private final int workers;
  private final List<Loop> loops = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private final List<BenchWorker> benchWorkers = new ArrayList<>();
  private final List<SustainClient> callers = new ArrayList<>();
  /** Held for the shard's life: Vert.x closes a client once it is no longer reachable, sockets and all. */
  private WebSocketClient webSocketClient;
  private Templates templates;
  private long nextId;
  private long nextCorr;

  /** What every shard shares; {@code timeoutAt} is every promise's deadline. */
  record Plan(LoadOptions options, String runId, Metrics metrics, RunControl run, Dispatches dispatches,
      long timeoutAt) {
    String workerGroup() {
      return runId + "-workers";
    }

    String callerGroup() {
      return runId + "-callers";
    }
  }

  Shard(Plan plan, int index, int connections, int workers) {
    this.plan = plan;
    this.index = index;
    this.connections = connections;
    this.workers = workers;
  }

  @Override
  public Future<?> start() {
    LoadOptions o = plan.options();
    templates = Templates.of(ProtocolCodec.DEFAULT, plan.runId() + "-" + index + "-", plan.timeoutAt(),
        "poll://any@" + plan.workerGroup());
    for (int w = 0; w < workers; w++) {
      benchWorkers.add(new BenchWorker(vertx, o.url(), o.workerTransport().equals("ws"), plan.workerGroup(),
          "w" + index + "-" + w, plan.dispatches(), plan.metrics()));
    }
    if (o.scenario() == Scenario.INVOKE) {
      openCallers(o);
      return Future.succeededFuture();
    }
    return openChannels(o).onSuccess(v -> {
      for (int c = 0; c < connections; c++) {
        Channel channel = channels.get(o.transport().equals("ws") ? c : 0);
        for (int s = 0; s < o.inFlight(); s++) {
          loops.add(switch (o.scenario()) {
            case CREATE -> new PromiseLoop(this, channel, false, plan.run(), pacer(), plan.metrics());
            case CREATE_SETTLE -> new PromiseLoop(this, channel, true, plan.run(), pacer(), plan.metrics());
            case TASK -> new TaskLoop(this, channel, plan.dispatches(), plan.run(), pacer(), plan.metrics());
            case INVOKE -> throw new IllegalStateException("invoke loops run on callers");
          });
        }
      }
    });
  }

  private Future<Void> openChannels(LoadOptions o) {
    if (o.transport().equals("http")) {
      channels.add(new HttpChannel(vertx, o.url(), connections, o.inFlight()));
      return Future.succeededFuture();
    }
    webSocketClient = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(5_000));
    List<Future<Channel>> opening = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      opening.add(WsChannel.open(webSocketClient, o.url()).onSuccess(channels::add));
    }
    return Future.all(opening).mapEmpty();
  }

  private void openCallers(LoadOptions o) {
    for (int c = 0; c < connections; c++) {
      String id = "c" + index + "-" + c;
      SustainClient caller = SustainClient.create(vertx, new ClientOptions()
          .setUrl(o.url())
          .setTransport(o.transport().equals("ws") ? TransportKind.WEBSOCKET : TransportKind.HTTP)
          .setGroup(plan.callerGroup())
          .setId(id)
          .setMaxInFlight(65_536)
          .setHttpPoolSize(o.inFlight()));
      caller.messages(message -> {
        if (message instanceof Unblock unblock) {
          plan.dispatches().finish(unblock.promise().id());
        }
      });
      callers.add(caller);
      String address = "poll://uni@" + plan.callerGroup() + "/" + id;
      for (int s = 0; s < o.inFlight(); s++) {
        loops.add(new InvokeLoop(this, caller, address, "poll://any@" + plan.workerGroup(), plan.dispatches(),
            plan.run(), pacer(), plan.metrics()));
      }
    }
  }

  private Pacer pacer() {
    LoadOptions o = plan.options();
    return new Pacer(vertx, o.rate(), o.loops(), index + loops.size() * plan.options().threads());
  }

  /** Starts every loop, and the once-a-second sweep for round trips that never finish. */
  void go() {
    context.runOnContext(v -> {
      loops.forEach(Loop::next);
      vertx.setPeriodic(1_000, id -> {
        long now = System.nanoTime();
        loops.forEach(loop -> loop.sweep(now));
      });
    });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    channels.forEach(c -> closing.add(c.close()));
    benchWorkers.forEach(w -> closing.add(w.close()));
    callers.forEach(c -> closing.add(c.close()));
    return Future.join(closing);
  }

  Context context() {
    return context;
  }

  Templates templates() {
    return templates;
  }

  long nextId() {
    return nextId++;
  }

  long nextCorr() {
    return nextCorr++;
  }
}
