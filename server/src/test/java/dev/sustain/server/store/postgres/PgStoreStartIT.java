package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starting: the schema is migrated once however many stores start on it, together or one after another (the
 * ledger holds each version once), and an unreachable database fails the start quickly with a 503-class error.
 */
class PgStoreStartIT {

  @Test
  void storesStartingTogetherMigrateTheSchemaExactlyOnce() {
    PgTestSupport.requirePostgres();
    String schema = PgTestSupport.freshSchema();
    Vertx vertx = Vertx.vertx();
    try {
      List<Future<PgStore>> starting = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starting.add(PgStore.start(vertx, PgTestSupport.options(schema).withConnections(2)));
      }
      List<PgStore> stores = new ArrayList<>();
      for (Future<PgStore> f : starting) {
        stores.add(PgTestSupport.await(f));
      }
      // One more, later: finds everything applied.
      stores.add(PgTestSupport.await(PgStore.start(vertx, PgTestSupport.options(schema))));
      for (PgStore s : stores) {
        assertTrue(PgTestSupport.await(s.ready()));
      }
      Pool pool = PgBuilder.pool().connectingTo(PgTestSupport.url()).using(vertx).build();
      List<Integer> versions = new ArrayList<>();
      for (Row r :
          PgTestSupport.await(
              pool.query("SELECT version FROM " + PgSchema.quoteIdent(schema)
                      + ".sustain_schema_migrations ORDER BY version")
                  .execute())) {
        versions.add(r.getInteger(0));
      }
      assertEquals(PgSchema.MIGRATIONS.stream().map(PgSchema.Migration::version).toList(), versions);
      assertEquals(PgSchema.latestVersion(), versions.get(versions.size() - 1));
      PgTestSupport.await(pool.close());
      for (PgStore s : stores) {
        PgTestSupport.await(s.close());
      }
      PgTestSupport.dropSchema(vertx, schema);
    } finally {
      PgTestSupport.await(vertx.close());
    }
  }

  @Test
  void anUnreachableDatabaseFailsTheStartQuickly() {
    Vertx vertx = Vertx.vertx();
    try {
      long start = System.nanoTime();
      // Nothing listens on port 1.
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () -> PgTestSupport.await(
                  PgStore.start(vertx, PgStoreOptions.of("postgresql://postgres@127.0.0.1:1/sustain_test"))));
      assertInstanceOf(StoreUnavailableException.class, e);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < PgStoreOptions.DEFAULT_CONNECT_TIMEOUT_MS + 3_000, "failed after " + tookMs + " ms");
    } finally {
      PgTestSupport.await(vertx.close());
    }
  }
}
