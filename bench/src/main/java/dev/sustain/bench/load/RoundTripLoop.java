package dev.sustain.bench.load;

/**
 * A loop whose iteration ends not with an answer but with a message the server sends later (a worker's fulfill, a
 * caller's unblock), tracked through {@link Dispatches}: it waits on one round trip at a time, records it when it
 * finishes, and gives up on it on a failed request or after the run's round-trip timeout. Confined to its shard's
 * event loop.
 */
abstract class RoundTripLoop extends Loop {
  private final Shard shard;
  private final RunControl run;
  private final String timeoutReason;
  /** Records each finished round trip, and the ones given up on. */
  final OpMetric roundTrip;
  final Dispatches dispatches;
  private Dispatches.Pending waiting;

  RoundTripLoop(Shard shard, Dispatches dispatches, RunControl run, Pacer pacer, OpMetric roundTrip,
      String timeoutReason) {
    super(run, pacer);
    this.shard = shard;
    this.dispatches = dispatches;
    this.run = run;
    this.roundTrip = roundTrip;
    this.timeoutReason = timeoutReason;
  }

  /** Starts waiting on the round trip of promise {@code id}. */
  final Dispatches.Pending open(String id, boolean finishOnFulfill) {
    waiting = dispatches.open(id, finishOnFulfill, shard.context(), this::finished);
    return waiting;
  }

  /** Gives up on {@code p} after a failed request, unless it finished meanwhile; then starts the next iteration. */
  final void abandon(Dispatches.Pending p) {
    if (dispatches.abandon(p)) {
      waiting = null;
      next();
    }
  }

  private void finished() {
    roundTrip.recordSince(waiting.startedAt);
    waiting = null;
    next();
  }

  @Override
  final void sweep(long now) {
    Dispatches.Pending p = waiting;
    if (p != null && now - p.startedAt > run.roundTripTimeoutNanos() && dispatches.abandon(p)) {
      roundTrip.error(timeoutReason);
      waiting = null;
      next();
    }
  }
}
