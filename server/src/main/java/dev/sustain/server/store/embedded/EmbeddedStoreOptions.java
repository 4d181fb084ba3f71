package dev.sustain.server.store.embedded;

import dev.sustain.server.core.EngineConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded store.
 *
 * @param file the SQLite database file ({@code --db}); created with its directories if missing; default
 *     {@link #DEFAULT_FILE}
 * @param engine the engine settings (retry interval, lineage rules)
 * @param serverUrl the {@code serverUrl} put in the head of every execute message the store hands to its
 *     listener; {@code null} leaves the head empty
 * @param maxQueue requests waiting for the writer beyond which new ones fail at once with 503; default
 *     {@value #DEFAULT_MAX_QUEUE}
 * @param maxBatch the most queued requests one transaction (one fsync) answers; default
 *     {@value #DEFAULT_MAX_BATCH}
 */
public record EmbeddedStoreOptions(Path file, EngineConfig engine, String serverUrl, int maxQueue, int maxBatch) {
  /** {@code ./sustain.db}. */
  public static final Path DEFAULT_FILE = Path.of("sustain.db");

  /** 10 000 waiting requests. */
  public static final int DEFAULT_MAX_QUEUE = 10_000;

  /** 512 requests per commit. */
  public static final int DEFAULT_MAX_BATCH = 512;

  public EmbeddedStoreOptions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(engine, "engine");
    if (maxQueue < 1) {
      throw new IllegalArgumentException("maxQueue must be positive, was " + maxQueue);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
    }
  }

  /** The defaults for everything but the file and the server URL. */
  public static EmbeddedStoreOptions of(Path file, String serverUrl) {
    return new EmbeddedStoreOptions(file, EngineConfig.DEFAULTS, serverUrl, DEFAULT_MAX_QUEUE, DEFAULT_MAX_BATCH);
  }
}
