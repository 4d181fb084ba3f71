package dev.sustain.server.config;

/**
 * The WebSocket transport, {@code GET /ws} and {@code GET /ws/{group}/{id}} ({@code docs/websocket.md}). The one
 * home of its defaults: the transport's own {@code WebSocketConfig} is built from this record. Immutable.
 *
 * <p>Named {@code *Settings} rather than {@code *Config} so the composition root can name both this record and
 * the transport's {@code WebSocketConfig} without qualifying either.
 *
 * @param maxConnections open WebSockets (workers and request-only clients) allowed at once; one more upgrade is
 *     answered HTTP 503; default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param maxFrameBytes largest single frame accepted; a bigger one makes Vert.x close the socket with 1009;
 *     default {@value #DEFAULT_MAX_FRAME_BYTES}
 * @param maxMessageBytes largest request envelope (all frames of one message); a bigger one is answered with a
 *     413 envelope and the socket stays open; default {@link HttpConfig#maxBodyBytes()}, so one request may be as
 *     large over either binding
 * @param maxInFlight requests of one socket being processed at once; at the limit the socket is not read until an
 *     answer goes out; default {@value #DEFAULT_MAX_IN_FLIGHT}
 * @param writeQueueBytes unflushed bytes at which a worker is not offered new work and its socket is not read,
 *     until half of it drained; default {@value #DEFAULT_WRITE_QUEUE_BYTES}
 * @param maxWriteQueueBytes hard cap of that queue, at least {@code writeQueueBytes}: a connection that would
 *     exceed it is closed as a slow consumer (1008); default {@value #DEFAULT_MAX_WRITE_QUEUE_BYTES}
 * @param pingInterval ms between pings the server sends; default {@value #DEFAULT_PING_INTERVAL}
 * @param pongTimeout ms a ping may go unanswered before the peer is declared dead and closed; default
 *     {@value #DEFAULT_PONG_TIMEOUT}
 */
public record WebSocketSettings(
    int maxConnections,
    int maxFrameBytes,
    int maxMessageBytes,
    int maxInFlight,
    int writeQueueBytes,
    int maxWriteQueueBytes,
    long pingInterval,
    long pongTimeout) {

  /** 1 000, as the SSE transport. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

  /** 64 KiB, what Vert.x clients and browsers fragment at by default. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  /** 256: enough to keep a store's group commit full from one socket, small enough to bound its memory. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  /** 1 MiB: a few thousand typical messages; a worker this far behind should not be given more. */
  public static final int DEFAULT_WRITE_QUEUE_BYTES = 1024 * 1024;

  /** 16 MiB: room for a full in-flight window of large answers on top of the soft limit. */
  public static final int DEFAULT_MAX_WRITE_QUEUE_BYTES = 16 * 1024 * 1024;

  /** 30 000 ms: below the 60 s idle cut of common proxies. */
  public static final long DEFAULT_PING_INTERVAL = 30_000L;

  /** 10 000 ms. */
  public static final long DEFAULT_PONG_TIMEOUT = 10_000L;

  public static final WebSocketSettings DEFAULT = new WebSocketSettings(
      DEFAULT_MAX_CONNECTIONS,
      DEFAULT_MAX_FRAME_BYTES,
      HttpConfig.DEFAULT_MAX_BODY_BYTES,
      DEFAULT_MAX_IN_FLIGHT,
      DEFAULT_WRITE_QUEUE_BYTES,
      DEFAULT_MAX_WRITE_QUEUE_BYTES,
      DEFAULT_PING_INTERVAL,
      DEFAULT_PONG_TIMEOUT);

  public WebSocketSettings {
    check(maxConnections, maxFrameBytes, maxMessageBytes, maxInFlight, writeQueueBytes, maxWriteQueueBytes,
        pingInterval, pongTimeout);
  }

  /**
   * The rules every set of WebSocket limits obeys, here and in the transport's own view of them: positive limits
   * and timers, and a hard write-queue cap no smaller than the soft one.
   *
   * @throws IllegalArgumentException naming the values that break a rule
   */
  public static void check(int maxConnections, int maxFrameBytes, int maxMessageBytes, int maxInFlight,
      int writeQueueBytes, int maxWriteQueueBytes, long pingInterval, long pongTimeout) {
    if (maxConnections < 1 || maxFrameBytes < 1 || maxMessageBytes < 1 || maxInFlight < 1 || writeQueueBytes < 1) {
      throw new IllegalArgumentException("WebSocket limits must be positive: maxConnections=" + maxConnections
          + ", maxFrameBytes=" + maxFrameBytes + ", maxMessageBytes=" + maxMessageBytes + ", maxInFlight="
          + maxInFlight + ", writeQueueBytes=" + writeQueueBytes);
    }
    if (maxWriteQueueBytes < writeQueueBytes) {
      throw new IllegalArgumentException("maxWriteQueueBytes (" + maxWriteQueueBytes
          + ") must be at least writeQueueBytes (" + writeQueueBytes + ")");
    }
    if (pingInterval < 1 || pongTimeout < 1) {
      throw new IllegalArgumentException("pingInterval and pongTimeout must be positive: " + pingInterval + ", "
          + pongTimeout);
    }
  }
}
