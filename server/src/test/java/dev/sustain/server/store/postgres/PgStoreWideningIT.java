package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store runs one transaction at a time and widens only for a backlog or behind a stalled transaction
 * ({@code PgStore.mayStartBatch}). A transaction stuck on a row lock held by someone else must not hold up
 * requests that do not need that row: they go through in a second transaction, and the stuck one completes once
 * the lock is released.
 */
class PgStoreWideningIT {
  private static final long NOW = 1_767_225_600_000L;

  @BeforeAll
  static void requirePostgres() {
    PgTestSupport.requirePostgres();
  }

  @Test
  void requestsGoAroundATransactionWaitingOnARowLock() {
    String schema = PgTestSupport.freshSchema();
    try (PgStoreDriver driver = PgStoreDriver.open(schema, 4)) {
      assertEquals(200, PgTestSupport.await(
          driver.answer("c", new PromiseCreate("locked", NOW + 60_000, Value.of("p"), Map.of()), NOW)).status());
      Pool outsider = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(1))
          .connectingTo(PgConnectOptions.fromUri(PgTestSupport.url())
              .addProperty("search_path", PgSchema.quoteIdent(schema)))
          .using(driver.vertx())
          .build();
      try {
        SqlConnection holder = PgTestSupport.await(outsider.getConnection());
        PgTestSupport.await(holder.query("BEGIN").execute());
        PgTestSupport.await(holder.preparedQuery("SELECT id FROM promises WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of("locked")));

        Future<Outcome> stuck = driver.answer("s",
            new PromiseSettle("locked", SettleState.RESOLVED, Value.of("v")), NOW + 1);
        List<Future<Outcome>> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          others.add(driver.answer("c" + i,
              new PromiseCreate("free-" + i, NOW + 60_000, Value.of("p"), Map.of()), NOW + 1));
        }
        for (Future<Outcome> other : others) {
          assertEquals(200, PgTestSupport.await(other).status(), "a request that needs no locked row");
        }
        assertFalse(stuck.isComplete(), "the settle still waits for the row lock");

        PgTestSupport.await(holder.query("ROLLBACK").execute());
        PgTestSupport.await(holder.close());
        Outcome settled = PgTestSupport.await(stuck);
        assertEquals(200, settled.status());
        assertTrue(PgTestSupport.await(driver.store().ready()));
      } finally {
        PgTestSupport.await(outsider.close());
      }
    }
  }
}
