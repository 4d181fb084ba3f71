package dev.sustain.server.store.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL schema as numbered, append-only migrations. {@link #migrate} applies the missing ones in order and
 * records each in {@code sustain_schema_migrations}, all in one transaction under a transaction-scoped advisory
 * lock, so two nodes starting together serialise instead of racing on DDL. Applied migrations are never edited: a
 * change is a new migration.
 *
 * <p>Every id column uses the {@code "C"} collation so that {@code ORDER BY id} and {@code id > cursor} agree with
 * Java's string order, which the in-memory oracle uses, whatever the database's default collation is.
 *
 * <p>Stateless; {@link #migrate} runs on the pool's event loop.
 */
final class PgSchema {

  /** One migration: its number and the statements it runs (one simple query, several statements allowed). */
  record Migration(int version, String description, String sql) {}

  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "tables of the row model",
              """
              CREATE SEQUENCE sustain_outbox_seq;
              CREATE TABLE promises (
                id TEXT COLLATE "C" PRIMARY KEY,
                state TEXT NOT NULL,
                param_headers JSONB,
                param_data TEXT,
                value_headers JSONB,
                value_data TEXT,
                tags JSONB NOT NULL,
                branch TEXT COLLATE "C" GENERATED ALWAYS AS (tags ->> 'resonate:branch') STORED,
                timeout_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                settled_at BIGINT
              );
              CREATE INDEX promises_pending_due ON promises (timeout_at, id) WHERE state = 'pending';
              CREATE INDEX promises_branch ON promises (branch, id) WHERE branch IS NOT NULL;
              CREATE INDEX promises_tags ON promises USING gin (tags jsonb_path_ops);
              CREATE TABLE tasks (
                id TEXT COLLATE "C" PRIMARY KEY,
                state TEXT NOT NULL,
                version BIGINT NOT NULL,
                timer_at BIGINT,
                pid TEXT COLLATE "C",
                ttl BIGINT
              );
              CREATE INDEX tasks_due ON tasks (timer_at, id) WHERE timer_at IS NOT NULL;
              CREATE INDEX tasks_holder ON tasks (pid, id) WHERE pid IS NOT NULL AND state = 'acquired';
              CREATE TABLE callbacks (
                awaited TEXT COLLATE "C" NOT NULL,
                awaiter TEXT COLLATE "C" NOT NULL,
                ready BOOLEAN NOT NULL,
                PRIMARY KEY (awaited, awaiter)
              );
              CREATE INDEX callbacks_awaiter ON callbacks (awaiter, awaited);
              CREATE TABLE listeners (
                promise_id TEXT COLLATE "C" NOT NULL,
                address TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (promise_id, address)
              );
              CREATE TABLE schedules (
                id TEXT COLLATE "C" PRIMARY KEY,
                cron TEXT NOT NULL,
                promise_id TEXT NOT NULL,
                promise_timeout BIGINT NOT NULL,
                param_headers JSONB,
                param_data TEXT,
                promise_tags JSONB NOT NULL,
                created_at BIGINT NOT NULL,
                next_run_at BIGINT NOT NULL,
                last_run_at BIGINT
              );
              CREATE INDEX schedules_due ON schedules (next_run_at, id);
              CREATE INDEX schedules_tags ON schedules USING gin (promise_tags jsonb_path_ops);
              CREATE TABLE outbox_execute (
                task_id TEXT COLLATE "C" PRIMARY KEY,
                version BIGINT NOT NULL,
                address TEXT NOT NULL,
                seq BIGINT NOT NULL DEFAULT nextval('sustain_outbox_seq')
              );
              CREATE INDEX outbox_execute_seq ON outbox_execute (seq);
              CREATE TABLE outbox_unblock (
                promise_id TEXT COLLATE "C" NOT NULL,
                address TEXT COLLATE "C" NOT NULL,
                seq BIGINT NOT NULL DEFAULT nextval('sustain_outbox_seq'),
                PRIMARY KEY (promise_id, address)
              );
              CREATE INDEX outbox_unblock_seq ON outbox_unblock (seq);
              """));

  /** The advisory lock key: a fixed number, offset by the schema name so separate schemas migrate independently. */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(7345126, hashtext(current_schema()))";

  private static final String LEDGER =
      """
      CREATE TABLE IF NOT EXISTS sustain_schema_migrations (
        version INT PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )""";

  private PgSchema() {}

  /**
   * Creates {@code schema} if it is not null (it must then be first on the connections' search path), and brings
   * the current schema up to the latest migration. Completes with the versions it applied (empty when up to date).
   */
  static Future<List<Integer>> migrate(Pool pool, String schema) {
    // "already exists, skipping" notices of the IF NOT EXISTS statements would reach the log as warnings on every
    // start; they say nothing an operator needs.
    return pool.withTransaction(
        conn -> conn.query("SET LOCAL client_min_messages = warning")
            .execute()
            .compose(v -> createSchema(conn, schema))
            .compose(v -> applyMissing(conn)));
  }

  private static Future<Void> createSchema(SqlConnection conn, String schema) {
    if (schema == null) {
      return Future.succeededFuture();
    }
    return conn.query("CREATE SCHEMA IF NOT EXISTS " + quoteIdent(schema)).execute().mapEmpty();
  }

  private static Future<List<Integer>> applyMissing(SqlConnection conn) {
    return conn.query(LOCK)
        .execute()
        .compose(v -> conn.query(LEDGER).execute())
        .compose(v -> conn.query("SELECT version FROM sustain_schema_migrations").execute())
        .compose(
            rows -> {
              Set<Integer> applied = new HashSet<>();
              rows.forEach(r -> applied.add(r.getInteger(0)));
              List<Migration> missing = MIGRATIONS.stream().filter(m -> !applied.contains(m.version())).toList();
              Future<Void> chain = Future.succeededFuture();
              for (Migration m : missing) {
                chain =
                    chain
                        .compose(v -> conn.query(m.sql()).execute())
                        .compose(
                            v ->
                                conn.preparedQuery(
                                        "INSERT INTO sustain_schema_migrations (version, description) VALUES ($1, $2)")
                                    .execute(Tuple.of(m.version(), m.description())))
                        .mapEmpty();
              }
              return chain.map(v -> missing.stream().map(Migration::version).toList());
            });
  }

  /** The latest migration number: what a fully migrated schema records. */
  static int latestVersion() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  static String quoteIdent(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
