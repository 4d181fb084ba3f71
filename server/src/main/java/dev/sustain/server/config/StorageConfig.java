package dev.sustain.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where state lives (Rust section {@code storage}).
 *
 * @param type the store; default {@link StoreType#EMBEDDED}
 * @param sqlitePath the embedded store's database file; default {@value #DEFAULT_SQLITE_PATH}; unused by the
 *     memory store
 * @param postgresUrl {@code postgresql://user[:password]@host[:port]/database} of the PostgreSQL store; required
 *     when {@code type} is {@link StoreType#POSTGRES}, otherwise unused; no default
 * @param postgresConnections the PostgreSQL store's pool size: how many transactions it runs at once
 * @param postgresMaxBatch most requests the PostgreSQL store commits in one transaction
 */
public record StorageConfig(
    StoreType type, Path sqlitePath, String postgresUrl, int postgresConnections, int postgresMaxBatch) {
  /** {@code ./sustain.db}, relative to the working directory. */
  public static final String DEFAULT_SQLITE_PATH = "sustain.db";
  /** Measured on a 2-core machine (docs/postgres.md): fewer, larger group commits beat more, smaller ones. */
  public static final int DEFAULT_POSTGRES_CONNECTIONS = 8;
  /** A burst (the SDK's Promise.all of 1,000 rpcs) drains in fewer, larger commits. */
  public static final int DEFAULT_POSTGRES_MAX_BATCH = 256;

  public StorageConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sqlitePath, "sqlitePath");
    if (type == StoreType.POSTGRES && postgresUrl == null) {
      throw new IllegalArgumentException("the postgres store needs a URL");
    }
    if (postgresConnections < 1 || postgresMaxBatch < 1) {
      throw new IllegalArgumentException("the postgres pool size and batch limit must be positive");
    }
  }

  public StorageConfig(StoreType type, Path sqlitePath, String postgresUrl) {
    this(type, sqlitePath, postgresUrl, DEFAULT_POSTGRES_CONNECTIONS, DEFAULT_POSTGRES_MAX_BATCH);
  }

  public StorageConfig(StoreType type, Path sqlitePath) {
    this(type, sqlitePath, null);
  }
}
