package dev.sustain.server.store.postgres;

import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.core.Engine;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL {@link Store}, on the Vert.x reactive client. Requests queue on the store's own event-loop
 * context; when the running transaction commits, up to {@link PgStoreOptions#maxBatch()} queued requests run as
 * the next one ({@link PgBatch}): group commit emerges from load, without a timer. Further transactions, up to
 * {@link PgStoreOptions#connections()} at once, start only for a backlog of a full batch or behind a stalled one
 * (see {@link #mayStartBatch()}); concurrent batches (and other nodes on the same database) are kept apart by row
 * locks and primary keys, never by in-process locks, so two stores on one database stay correct. A batch that loses
 * a race (deadlock, serialization failure, a racing insert) runs again, boundedly and with jitter; connection
 * problems fail its requests at once with {@link StoreUnavailableException} (503), and the pool reconnects on its
 * own once PostgreSQL is back.
 *
 * <p>Listener calls happen on the store's context after the commit; futures complete on the caller's context.
 * Never blocks: confined to its context, every wait is a future.
 */
public final class PgStore implements Store {
  private static final System.Logger LOG = System.getLogger(PgStore.class.getName());
  /** A transaction running this long is waiting on something (locks, disk): queued work may start another. */
  static final long STALLED_BATCH_MS = 25;

  private final Vertx vertx;
  private final Context context;
  private final PgStoreOptions options;
  private final Engine engine;
  private final Pool pool;
  private final ArrayDeque<PgWork<?>> queue = new ArrayDeque<>();
  private int inFlight;
  /** When the most recently started transaction started ({@link System#nanoTime()}). */
  private long newestBatchStart;
  private long widenTimer = -1;
  private boolean closing;
  private boolean poolClosing;
  private Promise<Void> closed;
  private volatile String deploymentId;
  private volatile StoreListener listener;
  private volatile long batches;
  private volatile long units;
  private volatile long loadRounds;
  private volatile long retries;

  private PgStore(Vertx vertx, Context context, PgStoreOptions options) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.engine = new Engine(options.engine());
    PgConnectOptions connect =
        PgConnectOptions.fromUri(options.url())
            .setCachePreparedStatements(true)
            .addProperty("application_name", "sustain")
            // A cached statement first planned against empty tables (every new deployment) would otherwise keep a
            // generic plan made for empty tables until statistics exist: measured 5x slower creates for the first
            // minute of a fresh database. Custom plans cost a little planning per execution and never go stale.
            .addProperty("plan_cache_mode", "force_custom_plan");
    if (options.schema() != null) {
      connect.addProperty("search_path", PgSchema.quoteIdent(options.schema()));
    }
    // No pool wait timeout: the batch guard in runBatch bounds the wait instead (the pool's own timeout can race
    // with a connection being handed over). The wait queue holds the batches plus ready() and outbox() reads.
    PoolOptions poolOptions =
        new PoolOptions()
            .setMaxSize(options.connections())
            .setMaxWaitQueueSize(4 * options.connections() + 16)
            .setConnectionTimeout(0);
    this.pool =
        PgBuilder.pool()
            .with(poolOptions)
            .with(
                new NetClientOptions()
                    .setConnectTimeout(options.connectTimeoutMs())
                    .setIdleTimeout(options.batchTimeoutMs())
                    .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
            .connectingTo(connect)
            .using(vertx)
            .build();
  }

  /**
   * Opens a store on its own event-loop context and migrates the schema to the latest version. Fails if
   * PostgreSQL cannot be reached or the schema cannot be migrated.
   */
  public static Future<PgStore> start(Vertx vertx, PgStoreOptions options) {
    PgStore[] opened = new PgStore[1];
    VerticleBase owner =
        new VerticleBase() {
          @Override
          public Future<?> start() {
            PgStore store = new PgStore(vertx, context, options);
            opened[0] = store;
            return migrate(store.pool, options.schema(), 3).onFailure(e -> store.pool.close());
          }
        };
    // The store is handed out only once its owner verticle is deployed, so close() can always undeploy it.
    return vertx
        .deployVerticle(owner)
        .map(
            id -> {
              opened[0].deploymentId = id;
              return opened[0];
            })
        .recover(e -> Future.failedFuture(PgErrors.toCallerFailure(e)));
  }

  /** Two nodes creating the same schema at once can collide before the advisory lock; once more settles it. */
  private static Future<List<Integer>> migrate(Pool pool, String schema, int attempts) {
    return PgSchema.migrate(pool, schema)
        .recover(
            e ->
                attempts > 1 && PgErrors.classify(e) == PgErrors.Kind.RETRY
                    ? migrate(pool, schema, attempts - 1)
                    : Future.failedFuture(e));
  }

  // ---- Store

  @Override
  public Future<Outcome> apply(String corrId, RequestData data, long now) {
    return submit(new PgWork.Request(Vertx.currentContext(), corrId, data, now));
  }

  @Override
  public Future<Void> tick(long now) {
    PgWork.Tick tick = new PgWork.Tick(Vertx.currentContext(), now);
    return submit(tick).mapEmpty();
  }

  @Override
  public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
    if (delivered.isEmpty()) {
      return Future.succeededFuture();
    }
    return submit(new PgWork.Acknowledge(Vertx.currentContext(), delivered));
  }

  @Override
  public Future<List<OutboxEntry>> outbox(int limit) {
    return PgOutbox.read(pool, limit, options.serverUrl())
        .recover(e -> Future.failedFuture(PgErrors.toCallerFailure(e)));
  }

  @Override
  public void listener(StoreListener listener) {
    this.listener = listener;
  }

  @Override
  public Future<Boolean> ready() {
    return pool.query("SELECT 1")
        .execute()
        .timeout(options.connectTimeoutMs(), TimeUnit.MILLISECONDS)
        .map(rows -> true)
        .otherwise(false);
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          if (closed == null) {
            closing = true;
            closed = Promise.promise();
            maybeFinishClose();
          }
          closed.future().onComplete(done);
        });
    return done.future();
  }

  /** Counters since start, for measurements and diagnostics. */
  public record Stats(long batches, long units, long loadRounds, long retriedBatches) {
    /** Average requests (and ticks, acknowledgements) per committed transaction. */
    public double averageBatch() {
      return batches == 0 ? 0 : (double) units / batches;
    }
  }

  /**
   * Committed batches, the work units they carried, their load round trips (one per batch when the probes guess
   * every read), and batches retried after a lost race.
   */
  public Stats stats() {
    return new Stats(batches, units, loadRounds, retries);
  }

  // ---- batching, confined to the store's context

  private <T> Future<T> submit(PgWork<T> work) {
    if (Vertx.currentContext() == context) {
      enqueue(work);
    } else {
      context.runOnContext(v -> enqueue(work));
    }
    return work.promise.future();
  }

  private void enqueue(PgWork<?> work) {
    if (closing) {
      work.fail(new StoreUnavailableException("PostgreSQL store is closed"));
      return;
    }
    if (queue.size() >= options.maxQueue()) {
      work.fail(new StoreUnavailableException("PostgreSQL store overloaded: " + queue.size() + " requests queued"));
      return;
    }
    queue.addLast(work);
    drain();
  }

  private void drain() {
    while (!queue.isEmpty() && mayStartBatch()) {
      runBatch(takeBatch());
    }
    if (!queue.isEmpty() && inFlight > 0 && widenTimer < 0 && !closing) {
      // Nothing may arrive to notice a stalled batch; look again once the running ones count as stalled.
      widenTimer = vertx.setTimer(STALLED_BATCH_MS, id -> {
        widenTimer = -1;
        drain();
      });
    }
    maybeFinishClose();
  }

  /**
   * Whether queued work may start a transaction now. A second transaction only while one runs costs more than it
   * gains: measured on PostgreSQL 15 (2 cores, promise.create over HTTP with 64 in flight), 1 busy connection made
   * 16 000 creates/s, 2 made 11 800 and 8 made 6 300, because every extra transaction splits the same requests
   * into smaller commits, each paying its own planning, WAL flush and round trips. So more transactions start
   * only when the queue already holds a full batch (one transaction could not take it all), or when the running
   * ones have stalled (a lock wait, a slow disk) and the queue would otherwise wait behind them.
   */
  private boolean mayStartBatch() {
    if (inFlight == 0) {
      return true;
    }
    if (inFlight >= options.connections()) {
      return false;
    }
    return queue.size() >= options.maxBatch()
        || System.nanoTime() - newestBatchStart > TimeUnit.MILLISECONDS.toNanos(STALLED_BATCH_MS);
  }

  private List<PgWork<?>> takeBatch() {
    List<PgWork<?>> batch = new ArrayList<>();
    PgWork<?> head = queue.pollFirst();
    batch.add(head);
    if (head.exclusive() || head.solo) {
      return batch;
    }
    while (batch.size() < options.maxBatch() && !queue.isEmpty()) {
      PgWork<?> w = queue.peekFirst();
      if (w.exclusive() || w.solo) {
        break;
      }
      batch.add(queue.pollFirst());
    }
    return batch;
  }

  private void runBatch(List<PgWork<?>> batch) {
    inFlight++;
    newestBatchStart = System.nanoTime();
    // One guard bounds the whole batch, from waiting for a connection (connecting may hang on an unresponsive
    // server) to the commit; whatever happens, the batch completes exactly once and frees its slot.
    // A batch that outlives it keeps its connection until it ends: closing a pooled connection would hand it,
    // possibly inside a transaction, to the next user. A hung server's sockets are closed by the idle timeout.
    Promise<PgBatch.Result> done = Promise.promise();
    long guard =
        vertx.setTimer(
            options.batchTimeoutMs(),
            id ->
                done.tryFail(
                    new StoreUnavailableException(
                        "PostgreSQL batch took over " + options.batchTimeoutMs() + " ms")));
    pool.getConnection()
        .onComplete(
            got -> {
              if (got.failed()) {
                done.tryFail(got.cause());
                return;
              }
              SqlConnection conn = got.result();
              if (done.future().isComplete()) {
                conn.close();
                return;
              }
              new PgBatch(conn, engine, options.serverUrl(), batch)
                  .run()
                  .onComplete(
                      ar ->
                          conn.close()
                              .onComplete(
                                  c -> {
                                    if (ar.succeeded()) {
                                      done.tryComplete(ar.result());
                                    } else {
                                      done.tryFail(ar.cause());
                                    }
                                  }));
            });
    done.future()
        .onComplete(
            ar -> {
              vertx.cancelTimer(guard);
              inFlight--;
              if (ar.succeeded()) {
                finish(batch, ar.result());
              } else {
                failed(batch, ar.cause());
              }
              drain();
            });
  }

  @SuppressWarnings("unchecked")
  private void finish(List<PgWork<?>> batch, PgBatch.Result result) {
    StoreListener l = listener;
    // A failing listener must not keep the committed requests from being answered.
    try {
      if (l != null && !result.messages().isEmpty()) {
        l.committed(result.messages());
      }
      // Always told, even if unchanged: with batches committing concurrently a value may be stale, and the
      // listener keeps the earliest it has seen.
      long next = result.nextDeadline();
      if (l != null && next != PgBatch.UNKNOWN) {
        l.nextDeadline(next);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "store listener failed after a commit", e);
    }
    batches++;
    units += batch.size();
    loadRounds += result.rounds();
    for (int i = 0; i < batch.size(); i++) {
      PgWork<Object> w = (PgWork<Object>) batch.get(i);
      Throwable failure = result.failures()[i];
      if (failure != null) {
        LOG.log(System.Logger.Level.ERROR, "request failed in the engine", failure);
        w.fail(failure);
      } else {
        w.complete(result.results()[i]);
      }
    }
  }

  private void failed(List<PgWork<?>> batch, Throwable cause) {
    PgErrors.Kind kind = PgErrors.classify(cause);
    switch (kind) {
      case RETRY -> {
        retries++;
        List<PgWork<?>> again = new ArrayList<>();
        for (PgWork<?> w : batch) {
          if (++w.attempts >= options.maxAttempts()) {
            w.fail(PgErrors.toCallerFailure(cause));
          } else {
            again.add(w);
          }
        }
        if (!again.isEmpty()) {
          // Jitter keeps racing batches from colliding again in lockstep.
          int attempt = again.get(0).attempts;
          long delay = 1 + ThreadLocalRandom.current().nextLong(Math.min(50, 1L << Math.min(attempt + 1, 6)));
          vertx.setTimer(delay, id -> requeue(again));
        }
      }
      case UNAVAILABLE -> {
        Throwable failure = PgErrors.toCallerFailure(cause);
        batch.forEach(w -> w.fail(failure));
      }
      case BUG -> {
        if (batch.size() > 1) {
          // Run each alone so only the request at fault fails.
          batch.forEach(w -> w.solo = true);
          requeue(batch);
        } else {
          LOG.log(System.Logger.Level.ERROR, "PostgreSQL rejected a batch: " + PgErrors.describe(cause), cause);
          batch.get(0).fail(cause);
        }
      }
    }
  }

  private void requeue(List<PgWork<?>> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      if (closing) {
        batch.get(i).fail(new StoreUnavailableException("PostgreSQL store is closed"));
      } else {
        queue.addFirst(batch.get(i));
      }
    }
    drain();
  }

  private void maybeFinishClose() {
    if (closing && !poolClosing && inFlight == 0 && queue.isEmpty()) {
      poolClosing = true;
      Future<Void> closePool = pool.close();
      closePool
          .transform(v -> vertx.undeploy(deploymentId))
          .onComplete(ar -> closed.tryComplete());
    }
  }
}
