package dev.sustain.server.config;

/**
 * The SSE poll transport, {@code GET /poll/{group}/{id}} (Rust section {@code transports.http_poll}).
 *
 * @param maxConnections open poll streams allowed at once; one more is answered 503
 *     {@code Poll registration at capacity}; default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param bufferSize messages written to one stream and not yet flushed to its socket; the router sends no more
 *     than this to a connection, and a connection that exceeds it anyway is closed as a slow consumer; default
 *     {@value #DEFAULT_BUFFER_SIZE}
 * @param keepAliveInterval ms between {@code : keep-alive} comments on an idle stream, so proxies keep it open;
 *     default {@value #DEFAULT_KEEP_ALIVE_INTERVAL}
 */
public record PollConfig(int maxConnections, int bufferSize, long keepAliveInterval) {
  /** 1 000, as the Rust server. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

  /** 100, as the Rust server's per-connection queue. */
  public static final int DEFAULT_BUFFER_SIZE = 100;

  /** 15 000 ms: below the 30–60 s idle cut of common proxies. */
  public static final long DEFAULT_KEEP_ALIVE_INTERVAL = 15_000L;

  public static final PollConfig DEFAULT =
      new PollConfig(DEFAULT_MAX_CONNECTIONS, DEFAULT_BUFFER_SIZE, DEFAULT_KEEP_ALIVE_INTERVAL);

  public PollConfig {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
    }
    if (keepAliveInterval < 1) {
      throw new IllegalArgumentException("keepAliveInterval must be positive: " + keepAliveInterval);
    }
  }
}
