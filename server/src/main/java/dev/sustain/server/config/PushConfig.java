package dev.sustain.server.config;

/**
 * HTTP push to {@code http(s)://} addresses (Rust section {@code transports.http_push}).
 *
 * @param enabled when false, messages to {@code http(s)://} addresses are dropped at delivery (spec §1.8);
 *     default true
 * @param concurrency deliveries in flight at once; default {@value #DEFAULT_CONCURRENCY}
 * @param queueSize deliveries waiting for a free slot; beyond it a message stays in the outbox for a later
 *     pass; default {@value #DEFAULT_QUEUE_SIZE}
 * @param connectTimeout ms to establish the connection; default {@value #DEFAULT_CONNECT_TIMEOUT}
 * @param requestTimeout ms for the whole exchange; default {@value #DEFAULT_REQUEST_TIMEOUT}
 */
public record PushConfig(
    boolean enabled, int concurrency, int queueSize, long connectTimeout, long requestTimeout) {
  /** 256, as the Rust server. */
  public static final int DEFAULT_CONCURRENCY = 256;

  /** 256, as the Rust server (same as the concurrency). */
  public static final int DEFAULT_QUEUE_SIZE = 256;

  /** 10 000 ms, as the Rust server. */
  public static final long DEFAULT_CONNECT_TIMEOUT = 10_000L;

  /** 180 000 ms, as the Rust server. */
  public static final long DEFAULT_REQUEST_TIMEOUT = 180_000L;

  public static final PushConfig DEFAULT =
      new PushConfig(
          true, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_SIZE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);

  public PushConfig {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
    }
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize must not be negative: " + queueSize);
    }
    if (connectTimeout < 1 || requestTimeout < 1) {
      throw new IllegalArgumentException(
          "push timeouts must be positive: " + connectTimeout + ", " + requestTimeout);
    }
  }
}
