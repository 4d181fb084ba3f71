package dev.sustain.server.transport.websocket;

/**
 * Limits and timers of the WebSocket transport ({@code docs/websocket.md}). Immutable.
 *
 * @param maxConnections open WebSockets (workers and request-only clients) allowed at once; one more upgrade is
 *     answered HTTP 503; default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param maxFrameBytes largest single frame accepted; a bigger frame makes Vert.x close the socket with 1009
 *     (clients split messages into frames of at most this size); applied to the listener's options; default
 *     {@value #DEFAULT_MAX_FRAME_BYTES}
 * @param maxMessageBytes largest request envelope (all frames of one message); a bigger one is answered with a
 *     413 envelope and the socket stays open; default {@value #DEFAULT_MAX_MESSAGE_BYTES}, the {@code POST /} limit
 * @param maxInFlight requests of one socket being processed at once; at the limit the socket is not read until
 *     an answer goes out, so TCP pushes back on the client instead of the server queueing or refusing; default
 *     {@value #DEFAULT_MAX_IN_FLIGHT}
 * @param writeQueueBytes bytes written to the socket and not yet flushed at which the worker is not offered new
 *     work and the socket is not read, until half of it drained; default {@value #DEFAULT_WRITE_QUEUE_BYTES}
 * @param maxWriteQueueBytes hard cap of that queue: a connection that would exceed it is closed as a slow
 *     consumer (1008); default {@value #DEFAULT_MAX_WRITE_QUEUE_BYTES}
 * @param pingInterval ms between pings the server sends; default {@value #DEFAULT_PING_INTERVAL}
 * @param pongTimeout ms a ping may go unanswered before the peer is declared dead, unregistered and closed;
 *     default {@value #DEFAULT_PONG_TIMEOUT}
 */
public record WebSocketConfig(
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

  /** 10 MiB, the {@code POST /} body limit: one request may be as large over either binding. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

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

  public static final WebSocketConfig DEFAULT = new WebSocketConfig(
      DEFAULT_MAX_CONNECTIONS,
      DEFAULT_MAX_FRAME_BYTES,
      DEFAULT_MAX_MESSAGE_BYTES,
      DEFAULT_MAX_IN_FLIGHT,
      DEFAULT_WRITE_QUEUE_BYTES,
      DEFAULT_MAX_WRITE_QUEUE_BYTES,
      DEFAULT_PING_INTERVAL,
      DEFAULT_PONG_TIMEOUT);

  public WebSocketConfig {
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

  public WebSocketConfig withMaxConnections(int value) {
    return new WebSocketConfig(value, maxFrameBytes, maxMessageBytes, maxInFlight, writeQueueBytes,
        maxWriteQueueBytes, pingInterval, pongTimeout);
  }

  public WebSocketConfig withMaxMessageBytes(int value) {
    return new WebSocketConfig(maxConnections, maxFrameBytes, value, maxInFlight, writeQueueBytes,
        maxWriteQueueBytes, pingInterval, pongTimeout);
  }

  public WebSocketConfig withMaxInFlight(int value) {
    return new WebSocketConfig(maxConnections, maxFrameBytes, maxMessageBytes, value, writeQueueBytes,
        maxWriteQueueBytes, pingInterval, pongTimeout);
  }

  public WebSocketConfig withWriteQueue(int soft, int hard) {
    return new WebSocketConfig(maxConnections, maxFrameBytes, maxMessageBytes, maxInFlight, soft, hard,
        pingInterval, pongTimeout);
  }

  public WebSocketConfig withKeepAlive(long pingIntervalMs, long pongTimeoutMs) {
    return new WebSocketConfig(maxConnections, maxFrameBytes, maxMessageBytes, maxInFlight, writeQueueBytes,
        maxWriteQueueBytes, pingIntervalMs, pongTimeoutMs);
  }
}
