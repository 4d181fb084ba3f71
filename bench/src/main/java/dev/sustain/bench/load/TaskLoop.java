package dev.sustain.bench.load;

/**
 * Task round trip: creates a promise targeted at the worker group (the server creates its task and dispatches
 * {@code execute} to one worker), then waits until a worker fulfilled it. Records the create, the round trip
 * (create sent → fulfill answered) and, through {@link Dispatches}, the dispatch latency. Confined to its
 * shard's event loop.
 */
final class TaskLoop extends Loop {
  private final Shard shard;
  private final Channel channel;
  private final Dispatches dispatches;
  private final RunControl run;
  private final OpMetric create;
  private final OpMetric roundTrip;
  private Dispatches.Pending waiting;

  TaskLoop(Shard shard, Channel channel, Dispatches dispatches, RunControl run, Pacer pacer, Metrics metrics) {
    super(run, pacer);
    this.shard = shard;
    this.channel = channel;
    this.dispatches = dispatches;
    this.run = run;
    this.create = metrics.op("promise.create");
    this.roundTrip = metrics.op("task.roundtrip");
  }

  @Override
  void iterate() {
    long n = shard.nextId();
    long corr = shard.nextCorr();
    Dispatches.Pending p = dispatches.open(shard.templates().id(n), true, shard.context(), this::finished);
    waiting = p;
    channel.send(RequestTemplate.digits(corr), shard.templates().taskCreate().render(n, corr)).onComplete(ar -> {
      if (ar.succeeded() && ar.result().ok()) {
        create.recordSince(p.startedAt);
        dispatches.answered(p);
        return;
      }
      create.error(ar.succeeded() ? ar.result().reason() : ar.cause().toString());
      if (dispatches.abandon(p)) {
        waiting = null;
        next();
      }
    });
  }

  private void finished() {
    roundTrip.recordSince(waiting.startedAt);
    waiting = null;
    next();
  }

  @Override
  void sweep(long now) {
    Dispatches.Pending p = waiting;
    if (p != null && now - p.startedAt > run.roundTripTimeoutNanos() && dispatches.abandon(p)) {
      roundTrip.error("no fulfill within the round-trip timeout");
      waiting = null;
      next();
    }
  }
}
