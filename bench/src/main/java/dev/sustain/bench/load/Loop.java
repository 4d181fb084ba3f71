package dev.sustain.bench.load;

/**
 * One closed-loop slot: runs one iteration at a time, and the next when it ends, until the run stops issuing.
 * Confined to its shard's event loop.
 */
abstract class Loop {
  private final RunControl run;
  private final Pacer pacer;

  Loop(RunControl run, Pacer pacer) {
    this.run = run;
    this.pacer = pacer;
  }

  /** Starts the next iteration, or stops the loop if the run is over. */
  final void next() {
    if (!run.issuing()) {
      run.loopStopped();
      return;
    }
    pacer.await(this::iterate);
  }

  /** One iteration; it must end by calling {@link #next()} exactly once. */
  abstract void iterate();

  /** Called once a second; a loop waiting on a round trip longer than the run's timeout gives up on it. */
  void sweep(long now) {}
}
