package dev.sustain.bench.ceiling;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit, the way a durable server does it: inserts queue while the connections are busy, and each free
 * connection takes up to {@code maxBatch} of them into one transaction (one prepared statement executed as a
 * batch, one COMMIT, so one WAL flush under {@code synchronous_commit = on}). A request is answered only after its
 * transaction committed. Under light load a batch holds one insert; batches grow as load does. Confined to the
 * event loop of its verticle.
 */
final class GroupCommit {
  private final Pool pool;
  private final int maxBatch;
  private final int maxConcurrent;
  private final ArrayDeque<Insert> queue = new ArrayDeque<>();
  private int running;

  /** One row to insert and whom to tell when it is durable. */
  record Insert(Tuple row, Handler<AsyncResult<Void>> done) {}

  GroupCommit(Pool pool, int maxBatch, int maxConcurrent) {
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.maxConcurrent = maxConcurrent;
  }

  void submit(Insert insert) {
    queue.add(insert);
    drain();
  }

  private void drain() {
    while (running < maxConcurrent && !queue.isEmpty()) {
      List<Insert> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      List<Tuple> rows = new ArrayList<>(batch.size());
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        Insert insert = queue.poll();
        batch.add(insert);
        rows.add(insert.row());
      }
      running++;
      pool.withTransaction(conn -> conn.preparedQuery(CeilingTable.INSERT).executeBatch(rows))
          .<Void>mapEmpty()
          .onComplete(ar -> {
            running--;
            batch.forEach(insert -> insert.done().handle(ar));
            drain();
          });
    }
  }
}
