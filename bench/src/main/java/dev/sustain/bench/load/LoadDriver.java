package dev.sustain.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one load: deploys a {@link Shard} per generator event loop, starts every loop, prints one progress line a
 * second from the main thread, discards the warm-up seconds, stops issuing at the end, waits for what is in flight
 * and prints the final table. Only the calling (main) thread blocks.
 */
public final class LoadDriver {
  /** How long stopped loops get to finish their last iteration before the run is closed anyway. */
  private static final long DRAIN_MS = 15_000;

  /**
   * Streams and sockets of workers and callers open asynchronously after {@code messages(...)}; an execute routed
   * to a group with no member yet is dropped (spec §1.9) and only re-sent by the task retry timer, so the loops
   * start once the members had this long to register.
   */
  private static final long MEMBERS_SETTLE_MS = 1_000;

  private final LoadOptions options;
  private final PrintStream out;
  private final String command;

  public LoadDriver(LoadOptions options, PrintStream out, String command) {
    this.options = options;
    this.out = out;
    this.command = command;
  }

  public LoadResult run() throws Exception {
    LoadOptions o = options;
    String runId = "b" + Long.toString(System.currentTimeMillis(), 36)
        + Long.toString(new SecureRandom().nextInt(1 << 20), 36);
    Metrics metrics = new Metrics();
    RunControl run = new RunControl(o.loops(), o.roundTripTimeoutMs());
    declareOps(metrics);
    Dispatches dispatches = new Dispatches(metrics.op("execute.dispatch"));
    long timeoutAt = System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1);
    Shard.Plan plan = new Shard.Plan(o, runId, metrics, run, dispatches, timeoutAt);
    boolean needsWorkers = o.scenario() == Scenario.TASK || o.scenario() == Scenario.INVOKE;

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.threads()));
    List<Shard> shards = new ArrayList<>();
    try {
      for (int i = 0; i < o.threads(); i++) {
        int connections = share(o.connections(), o.threads(), i);
        int workers = needsWorkers ? share(o.workers(), o.threads(), i) : 0;
        if (connections + workers > 0) {
          Shard shard = new Shard(plan, i, connections, workers);
          await(vertx.deployVerticle(shard));
          shards.add(shard);
        }
      }
      if (needsWorkers) {
        Thread.sleep(MEMBERS_SETTLE_MS);
      }
      out.printf(Locale.ROOT, "run %s: %s over %s against %s (store %s), %d connection(s) x %d in flight%s, "
              + "%d s warm-up + %d s measured, %d generator thread(s)%n", runId, o.scenario().label(), o.transport(),
          o.url(), o.store(), o.connections(), o.inFlight(),
          needsWorkers ? ", " + o.workers() + " " + o.workerTransport() + " workers" : "", o.warmupSeconds(),
          o.durationSeconds(), o.threads());
      if (o.rate() > 0) {
        out.printf(Locale.ROOT, "open loop at %.0f iterations/s%n", o.rate());
      }
      String loadBefore = loadAverage();
      long cpuBefore = processCpuNanos();
      long wallBefore = System.nanoTime();
      double seconds = measure(metrics, run, shards);
      double generatorCores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
      String load = loadBefore + " → " + loadAverage();
      long stuck = run.awaitStopped(DRAIN_MS);
      if (stuck > 0) {
        out.printf(Locale.ROOT, "%d loop(s) still waiting after %d ms; closing anyway%n", stuck, DRAIN_MS);
      }
      List<OpStats> ops = new ArrayList<>();
      for (OpMetric op : metrics.all()) {
        OpStats stats = OpStats.of(op, seconds);
        if (stats.count() > 0 || stats.errors() > 0 || !stats.reasons().isEmpty()) {
          ops.add(stats);
        }
      }
      LoadResult result = new LoadResult(o.label(), o.store(), o.scenario().label(), o.transport(),
          o.workerTransport(), o.connections(), o.inFlight(), needsWorkers ? o.workers() : 0, o.threads(), o.rate(),
          seconds, o.scenario().headline(), o.scenario().unit(), ops, dispatches.early(),
          dispatches.duplicates() + dispatches.unknown(), load, Math.round(generatorCores * 100) / 100.0, command);
      out.print(result.table());
      if (o.out() != null) {
        result.write(Path.of(o.out()));
      }
      return result;
    } finally {
      await(vertx.close());
    }
  }

  /** Ticks once a second from the main thread; returns the measured window's length in seconds. */
  private double measure(Metrics metrics, RunControl run, List<Shard> shards) throws InterruptedException {
    LoadOptions o = options;
    run.start();
    shards.forEach(Shard::go);
    long start = System.nanoTime();
    long measureStart = start;
    int total = o.warmupSeconds() + o.durationSeconds();
    for (int second = 1; second <= total; second++) {
      long due = start + TimeUnit.SECONDS.toNanos(second);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      if (second == total) {
        run.stop();
      }
      boolean measuring = second > o.warmupSeconds();
      long now = System.nanoTime();
      if (second == o.warmupSeconds()) {
        measureStart = now;
      }
      progress(second, measuring, metrics);
      if (second == total) {
        return (now - measureStart) / 1e9;
      }
    }
    throw new IllegalStateException("the run has at least one measured second");
  }

  private void progress(int second, boolean measuring, Metrics metrics) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%3ds] %-7s", second,
        measuring ? "measure" : "warm-up"));
    for (OpMetric op : metrics.all()) {
      OpMetric.Interval i = op.tick(measuring);
      if (i.count() > 0 || i.errors() > 0) {
        line.append(String.format(Locale.ROOT, " | %s %d/s p50 %.2f p99 %.2f ms", op.name(), i.count(),
            i.p50Micros() / 1000.0, i.p99Micros() / 1000.0));
        if (i.errors() > 0) {
          line.append(" err ").append(i.errors());
        }
      }
    }
    out.println(line);
  }

  /** Fixes the table's row order: the headline first, then what the scenario does, in the order it happens. */
  private void declareOps(Metrics metrics) {
    switch (options.scenario()) {
      case CREATE -> metrics.op("promise.create");
      case CREATE_SETTLE -> {
        metrics.op("promise.create");
        metrics.op("promise.settle");
      }
      case TASK, INVOKE -> {
        metrics.op(options.scenario() == Scenario.TASK ? "task.roundtrip" : "invoke");
        metrics.op("promise.create");
        metrics.op("execute.dispatch");
        metrics.op("task.acquire");
        metrics.op("task.fulfill");
      }
    }
  }

  /** The 1-minute load average from {@code /proc/loadavg}, or {@code unknown} off Linux. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** CPU time of this process (every thread), so a result says how much of the machine the generator took. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static int share(int total, int parts, int index) {
    return total / parts + (index < total % parts ? 1 : 0);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
