package dev.sustain.server.store.postgres;

import dev.sustain.server.core.EngineConfig;
import java.util.Objects;

/**
 * Settings of {@link PgStore}.
 *
 * @param url {@code postgresql://user[:password]@host[:port]/database[?options]}
 * @param schema the PostgreSQL schema holding Sustain's tables, created if missing; {@code null} = the
 *     connection's default ({@code public})
 * @param connections pool size, and so the number of batches (transactions) in flight at once; default
 *     {@value #DEFAULT_CONNECTIONS}
 * @param maxBatch most requests sharing one transaction (group commit); default {@value #DEFAULT_MAX_BATCH}
 * @param maxQueue most requests waiting for a batch before new ones are refused with 503; default
 *     {@value #DEFAULT_MAX_QUEUE}
 * @param maxAttempts runs of a request whose batch lost a race (deadlock, racing insert) before it gets 503;
 *     default {@value #DEFAULT_MAX_ATTEMPTS}
 * @param connectTimeoutMs TCP connect timeout; default {@value #DEFAULT_CONNECT_TIMEOUT_MS}
 * @param batchTimeoutMs a batch still running after this long answers 503, and a connection silent this long is
 *     closed (a hung server must not hold requests forever); default {@value #DEFAULT_BATCH_TIMEOUT_MS}
 * @param engine the engine's settings
 * @param serverUrl put in the head of every execute message the store hands out ({@code null}: none, the router
 *     fills it in)
 */
public record PgStoreOptions(
    String url,
    String schema,
    int connections,
    int maxBatch,
    int maxQueue,
    int maxAttempts,
    int connectTimeoutMs,
    int batchTimeoutMs,
    EngineConfig engine,
    String serverUrl) {

  /** 8 connections (see docs/postgres.md for the measurement behind it). */
  public static final int DEFAULT_CONNECTIONS = 8;
  /** 256 requests per transaction: a burst (the SDK's Promise.all of 1,000 rpcs) drains in fewer, larger commits. */
  public static final int DEFAULT_MAX_BATCH = 256;
  /** 10 000 queued requests. */
  public static final int DEFAULT_MAX_QUEUE = 10_000;
  /** 8 runs. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  /** 2 000 ms. */
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
  /** 10 000 ms. */
  public static final int DEFAULT_BATCH_TIMEOUT_MS = 10_000;

  public PgStoreOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(engine, "engine");
    positive("connections", connections);
    positive("maxBatch", maxBatch);
    positive("maxQueue", maxQueue);
    positive("maxAttempts", maxAttempts);
    positive("connectTimeoutMs", connectTimeoutMs);
    positive("batchTimeoutMs", batchTimeoutMs);
  }

  /** Defaults for everything but the URL. */
  public static PgStoreOptions of(String url) {
    return new PgStoreOptions(
        url, null, DEFAULT_CONNECTIONS, DEFAULT_MAX_BATCH, DEFAULT_MAX_QUEUE, DEFAULT_MAX_ATTEMPTS,
        DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_BATCH_TIMEOUT_MS, EngineConfig.DEFAULTS, null);
  }

  public PgStoreOptions withSchema(String schema) {
    return new PgStoreOptions(
        url, schema, connections, maxBatch, maxQueue, maxAttempts, connectTimeoutMs, batchTimeoutMs, engine, serverUrl);
  }

  public PgStoreOptions withConnections(int connections) {
    return new PgStoreOptions(
        url, schema, connections, maxBatch, maxQueue, maxAttempts, connectTimeoutMs, batchTimeoutMs, engine, serverUrl);
  }

  public PgStoreOptions withMaxBatch(int maxBatch) {
    return new PgStoreOptions(
        url, schema, connections, maxBatch, maxQueue, maxAttempts, connectTimeoutMs, batchTimeoutMs, engine, serverUrl);
  }

  public PgStoreOptions withEngine(EngineConfig engine) {
    return new PgStoreOptions(
        url, schema, connections, maxBatch, maxQueue, maxAttempts, connectTimeoutMs, batchTimeoutMs, engine, serverUrl);
  }

  public PgStoreOptions withServerUrl(String serverUrl) {
    return new PgStoreOptions(
        url, schema, connections, maxBatch, maxQueue, maxAttempts, connectTimeoutMs, batchTimeoutMs, engine,
        serverUrl);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
