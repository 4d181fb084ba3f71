package dev.sustain.server.store.postgres;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A quick, honest measurement (not the formal benchmark): {@code promise.create} through {@link PgStore} with N
 * closed-loop submitters for a fixed time, each create a new id, untargeted and targeted mixed 1:1; prints
 * throughput, mean latency and the store's batching counters. Arguments: {@code [submitters] [seconds]
 * [connections] [maxBatch]}; URL from {@code SUSTAIN_TEST_PG_URL} as in the tests. Uses a fresh schema and drops it.
 */
public final class PgStoreThroughputMain {
  private PgStoreThroughputMain() {}

  public static void main(String[] args) throws Exception {
    int submitters = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : PgStoreOptions.DEFAULT_CONNECTIONS;
    int maxBatch = args.length > 3 ? Integer.parseInt(args[3]) : PgStoreOptions.DEFAULT_MAX_BATCH;
    Vertx vertx = Vertx.vertx();
    String schema = PgTestSupport.freshSchema();
    PgStore store =
        PgTestSupport.await(
            PgStore.start(
                vertx, PgTestSupport.options(schema).withConnections(connections).withMaxBatch(maxBatch)));
    try {
      run(store, submitters, 2, "warm");
      PgStore.Stats before = store.stats();
      long[] result = run(store, submitters, seconds, "run");
      PgStore.Stats after = store.stats();
      long batches = after.batches() - before.batches();
      long units = after.units() - before.units();
      System.out.printf(
          "promise.create: %d submitters, %d connections, maxBatch %d: %.0f/s over %d s, mean latency %.2f ms,"
              + " %d errors, %.1f requests per transaction, %d retried batches%n",
          submitters, connections, maxBatch, result[0] / (double) seconds, seconds,
          result[1] / 1e6 / Math.max(1, result[0]), result[2], units / (double) Math.max(1, batches),
          after.retriedBatches() - before.retriedBatches());
    } finally {
      PgTestSupport.await(store.close());
      PgTestSupport.dropSchema(vertx, schema);
      PgTestSupport.await(vertx.close());
    }
  }

  /** Returns {completed, total latency ns, errors}. */
  private static long[] run(PgStore store, int submitters, int seconds, String prefix) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong done = new AtomicLong();
    AtomicLong latency = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong ids = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(submitters);
    for (int i = 0; i < submitters; i++) {
      loop(store, prefix, end, ids, done, latency, errors, finished);
    }
    finished.await();
    return new long[] {done.get(), latency.get(), errors.get()};
  }

  private static void loop(
      PgStore store, String prefix, long end, AtomicLong ids, AtomicLong done, AtomicLong latency,
      AtomicLong errors, CountDownLatch finished) {
    if (System.nanoTime() >= end) {
      finished.countDown();
      return;
    }
    long n = ids.incrementAndGet();
    Map<String, String> tags = n % 2 == 0 ? Map.of("resonate:target", "poll://any@default") : Map.of();
    long start = System.nanoTime();
    Future<Outcome> f =
        store.apply("c" + n, new PromiseCreate(prefix + "-" + n, Long.MAX_VALUE / 2, Value.of("x"), tags), 1_000L);
    f.onComplete(
        ar -> {
          if (ar.succeeded() && ar.result().status() == 200) {
            done.incrementAndGet();
            latency.addAndGet(System.nanoTime() - start);
          } else {
            errors.incrementAndGet();
          }
          loop(store, prefix, end, ids, done, latency, errors, finished);
        });
  }
}
