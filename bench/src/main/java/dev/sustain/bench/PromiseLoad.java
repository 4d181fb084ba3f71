package dev.sustain.bench;

import dev.sustain.client.ClientOptions;
import dev.sustain.client.SustainClient;
import dev.sustain.client.TransportKind;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives promise operations against a running server through {@link SustainClient}, over either transport:
 * each of {@code n} promises is created, read and resolved, with at most {@code concurrency} chains running at
 * once. Prints throughput and per-operation latency percentiles.
 *
 * <p>Usage: {@code PromiseLoad [url] [HTTP|WEBSOCKET] [promises] [concurrency]}, defaults
 * {@code http://localhost:8001 WEBSOCKET 10000 64}.
 *
 * <p>Threading: answers complete on whichever event loop the transport uses, so the counters are guarded by the
 * instance lock (uncontended in practice: one loop drives the run); the main thread only waits.
 */
public final class PromiseLoad {

  /** Operations per promise: create, get, settle. */
  static final int OPS_PER_PROMISE = 3;

  /** What one run measured; latencies in microseconds, one per operation. */
  public record Result(int promises, long elapsedNanos, long[] latenciesMicros, int failures) {
    public double opsPerSecond() {
      return latenciesMicros.length / (elapsedNanos / 1e9);
    }

    public long percentile(double p) {
      if (latenciesMicros.length == 0) {
        return 0;
      }
      int index = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p / 100 * latenciesMicros.length) - 1);
      return latenciesMicros[Math.max(0, index)];
    }

    @Override
    public String toString() {
      return String.format("%d promises, %d ops in %d ms: %.0f ops/s; latency us p50=%d p99=%d max=%d; failures=%d",
          promises, latenciesMicros.length, TimeUnit.NANOSECONDS.toMillis(elapsedNanos), opsPerSecond(),
          percentile(50), percentile(99), percentile(100), failures);
    }
  }

  private final SustainClient client;
  private final String prefix;
  private final int promises;
  private final int concurrency;
  private final long[] latencies;
  private final Promise<Result> done = Promise.promise();
  private int recorded;
  private int started;
  private int finished;
  private int failures;
  private long startedAt;

  private PromiseLoad(SustainClient client, String prefix, int promises, int concurrency) {
    this.client = client;
    this.prefix = prefix;
    this.promises = promises;
    this.concurrency = concurrency;
    this.latencies = new long[promises * OPS_PER_PROMISE];
  }

  /** Runs {@code promises} create/get/settle chains, {@code concurrency} at a time, ids prefixed {@code prefix}. */
  public static Future<Result> run(Vertx vertx, SustainClient client, String prefix, int promises, int concurrency) {
    PromiseLoad load = new PromiseLoad(client, prefix, promises, concurrency);
    vertx.runOnContext(v -> load.start());
    return load.done.future();
  }

  private synchronized void start() {
    startedAt = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, promises); i++) {
      next();
    }
    if (promises == 0) {
      finish();
    }
  }

  private synchronized void next() {
    if (started == promises) {
      return;
    }
    String id = prefix + "-" + started++;
    long timeoutAt = System.currentTimeMillis() + 3_600_000;
    timed(client.promiseCreate(new PromiseCreate(id, timeoutAt, Value.EMPTY, Map.of())))
        .compose(v -> timed(client.promiseGet(new PromiseGet(id))))
        .compose(v -> timed(client.promiseSettle(new PromiseSettle(id, SettleState.RESOLVED, Value.EMPTY))))
        .onComplete(ar -> chainDone(ar.succeeded()));
  }

  private synchronized void chainDone(boolean succeeded) {
    if (!succeeded) {
      failures++;
    }
    if (++finished == promises) {
      finish();
    } else {
      next();
    }
  }

  private <T> Future<T> timed(Future<T> op) {
    long t0 = System.nanoTime();
    return op.onSuccess(r -> record((System.nanoTime() - t0) / 1_000));
  }

  private synchronized void record(long micros) {
    latencies[recorded++] = micros;
  }

  private void finish() {
    long[] measured = Arrays.copyOf(latencies, recorded);
    Arrays.sort(measured);
    done.complete(new Result(promises, System.nanoTime() - startedAt, measured, failures));
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : ClientOptions.DEFAULT_URL;
    TransportKind transport = args.length > 1 ? TransportKind.valueOf(args[1]) : TransportKind.WEBSOCKET;
    int promises = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    Vertx vertx = Vertx.vertx();
    try {
      SustainClient client = SustainClient.create(vertx, new ClientOptions().setUrl(url).setTransport(transport)
          .setMaxInFlight(Math.max(ClientOptions.DEFAULT_MAX_IN_FLIGHT, concurrency)));
      String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36);
      Result warmup = run(vertx, client, prefix + "-warmup", Math.min(promises, 2_000), concurrency)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
      System.out.println(transport + " warm-up: " + warmup);
      Result result = run(vertx, client, prefix, promises, concurrency)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
      System.out.println(transport + " " + url + " concurrency " + concurrency + ": " + result);
      client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
