package dev.sustain.bench.load;

/**
 * {@code promise.create} of a fresh id, and (create-settle) then {@code promise.settle} of it, over one
 * {@link Channel}, from templates encoded once per shard. Confined to its shard's event loop.
 */
final class PromiseLoop extends Loop {
  private final Shard shard;
  private final Channel channel;
  private final boolean settle;
  private final OpMetric create;
  private final OpMetric settled;

  PromiseLoop(Shard shard, Channel channel, boolean settle, RunControl run, Pacer pacer, Metrics metrics) {
    super(run, pacer);
    this.shard = shard;
    this.channel = channel;
    this.settle = settle;
    this.create = metrics.op("promise.create");
    this.settled = settle ? metrics.op("promise.settle") : null;
  }

  @Override
  void iterate() {
    long n = shard.nextId();
    long corr = shard.nextCorr();
    long t0 = System.nanoTime();
    channel.send(RequestTemplate.digits(corr), shard.templates().create().render(n, corr)).onComplete(ar -> {
      if (ar.succeeded() && ar.result().ok()) {
        create.recordSince(t0);
        if (settle) {
          settle(n);
          return;
        }
      } else {
        create.error(ar.succeeded() ? ar.result().reason() : ar.cause().toString());
      }
      next();
    });
  }

  private void settle(long n) {
    long corr = shard.nextCorr();
    long t0 = System.nanoTime();
    channel.send(RequestTemplate.digits(corr), shard.templates().settle().render(n, corr)).onComplete(ar -> {
      if (ar.succeeded() && ar.result().ok()) {
        settled.recordSince(t0);
      } else {
        settled.error(ar.succeeded() ? ar.result().reason() : ar.cause().toString());
      }
      next();
    });
  }
}
