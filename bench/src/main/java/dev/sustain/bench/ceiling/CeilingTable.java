package dev.sustain.bench.ceiling;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The ceiling's table: shaped like the server's {@code promises} table (server {@code PgSchema}: same columns,
 * collation, generated column and indexes), so an insert costs PostgreSQL what a server {@code promise.create}'s
 * promise row costs. Recreated empty at each start so every run inserts into the same, fresh shape.
 */
final class CeilingTable {
  static final String NAME = "bench_ceiling_promises";

  static final String INSERT = "INSERT INTO " + NAME
      + " (id, state, param_headers, param_data, tags, timeout_at, created_at)"
      + " VALUES ($1, 'pending', $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING";

  private static final String[] DDL = {
    "DROP TABLE IF EXISTS " + NAME,
    "CREATE TABLE " + NAME + " ("
        + " id TEXT COLLATE \"C\" PRIMARY KEY,"
        + " state TEXT NOT NULL,"
        + " param_headers JSONB,"
        + " param_data TEXT,"
        + " value_headers JSONB,"
        + " value_data TEXT,"
        + " tags JSONB NOT NULL,"
        + " branch TEXT COLLATE \"C\" GENERATED ALWAYS AS (tags ->> 'resonate:branch') STORED,"
        + " timeout_at BIGINT NOT NULL,"
        + " created_at BIGINT NOT NULL,"
        + " settled_at BIGINT)",
    "CREATE INDEX " + NAME + "_pending_due ON " + NAME + " (timeout_at, id) WHERE state = 'pending'",
    "CREATE INDEX " + NAME + "_branch ON " + NAME + " (branch, id) WHERE branch IS NOT NULL",
    "CREATE INDEX " + NAME + "_tags ON " + NAME + " USING gin (tags jsonb_path_ops)",
  };

  private CeilingTable() {}

  static Future<Void> recreate(Pool pool) {
    Future<Void> chain = Future.succeededFuture();
    for (String statement : DDL) {
      chain = chain.compose(v -> pool.query(statement).execute().mapEmpty());
    }
    return chain;
  }
}
