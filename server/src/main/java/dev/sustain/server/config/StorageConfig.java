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
 */
public record StorageConfig(StoreType type, Path sqlitePath, String postgresUrl) {
  /** {@code ./sustain.db}, relative to the working directory. */
  public static final String DEFAULT_SQLITE_PATH = "sustain.db";

  public StorageConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sqlitePath, "sqlitePath");
    if (type == StoreType.POSTGRES && postgresUrl == null) {
      throw new IllegalArgumentException("the postgres store needs a URL");
    }
  }

  public StorageConfig(StoreType type, Path sqlitePath) {
    this(type, sqlitePath, null);
  }
}
