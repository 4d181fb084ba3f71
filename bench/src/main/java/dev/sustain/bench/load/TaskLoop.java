package dev.sustain.bench.load;

/**
 * Task round trip: creates a promise targeted at the worker group (the server creates its task and dispatches
 * {@code execute} to one worker), then waits until a worker fulfilled it. Records the create, the round trip
 * (create sent → fulfill answered) and, through {@link Dispatches}, the dispatch latency. Confined to its
 * shard's event loop.
 */
final class TaskLoop extends RoundTripLoop {
  private final Shard shard;
  private final Channel channel;
  private final OpMetric create;

  TaskLoop(Shard shard, Channel channel, Dispatches dispatches, RunControl run, Pacer pacer, Metrics metrics) {
    super(shard, dispatches, run, pacer, metrics.op("task.roundtrip"), "no fulfill within the round-trip timeout");
    this.shard = shard;
    this.channel = channel;
    this.create = metrics.op("promise.create");
  }

  @Override
  void iterate() {
    long n = shard.nextId();
    long corr = shard.nextCorr();
    Dispatches.Pending p = open(shard.templates().id(n), true);
    channel.send(RequestTemplate.digits(corr), shard.templates().taskCreate().render(n, corr)).onComplete(ar -> {
      if (ar.succeeded() && ar.result().ok()) {
        create.recordSince(p.startedAt);
        dispatches.answered(p);
        return;
      }
      create.error(ar.succeeded() ? ar.result().reason() : ar.cause().toString());
      abandon(p);
    });
  }
}
