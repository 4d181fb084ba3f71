package dev.sustain.server.store.postgres;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.store.OutboxEntry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the outbox oldest first for redelivery: the two outbox tables share one sequence, so merging the first
 * {@code limit} of each by sequence number gives the oldest {@code limit} overall. Unblocks carry the promise's
 * current record. Plain reads, no transaction: a message acknowledged meanwhile is only delivered once more, which
 * receivers tolerate.
 *
 * <p>Stateless.
 */
final class PgOutbox {
  private record Sequenced(long seq, OutboxEntry entry) {}

  private static final String EXECUTES =
      "SELECT task_id, version, address, seq FROM outbox_execute ORDER BY seq LIMIT $1";
  private static final String UNBLOCKS =
      "SELECT " + PgRows.columns(Table.PROMISES) + ", u.address, u.seq FROM outbox_unblock u"
          + " JOIN promises ON promises.id = u.promise_id ORDER BY u.seq LIMIT $1";

  private PgOutbox() {}

  static Future<List<OutboxEntry>> read(Pool pool, int limit, String serverUrl) {
    if (limit <= 0) {
      return Future.succeededFuture(List.of());
    }
    Future<List<Sequenced>> executes =
        pool.preparedQuery(EXECUTES)
            .execute(Tuple.of(limit))
            .map(
                rows -> {
                  List<Sequenced> out = new ArrayList<>();
                  for (io.vertx.sqlclient.Row r : rows) {
                    Execute e = new Execute(serverUrl, new TaskRef(r.getString(0), r.getLong(1)));
                    out.add(new Sequenced(r.getLong(3), new OutboxEntry(r.getString(2), e)));
                  }
                  return out;
                });
    Future<List<Sequenced>> unblocks =
        pool.preparedQuery(UNBLOCKS)
            .execute(Tuple.of(limit))
            .map(
                rows -> {
                  List<Sequenced> out = new ArrayList<>();
                  for (io.vertx.sqlclient.Row r : rows) {
                    PromiseRow p = (PromiseRow) PgRows.decode(Table.PROMISES, r);
                    out.add(new Sequenced(r.getLong(11), new OutboxEntry(r.getString(10), new Unblock(p.promise()))));
                  }
                  return out;
                });
    return Future.all(executes, unblocks)
        .map(
            v -> {
              List<Sequenced> all = new ArrayList<>(executes.result());
              all.addAll(unblocks.result());
              all.sort(Comparator.comparingLong(Sequenced::seq));
              return all.stream().limit(limit).map(Sequenced::entry).toList();
            });
  }
}
