package dev.sustain.server.transport.websocket;

import dev.sustain.server.config.WebSocketSettings;

/**
 * Limits and timers of the WebSocket transport ({@code docs/websocket.md}). Immutable. The server builds it from
 * the operator's {@link WebSocketSettings}, which also holds every default; tests may build one directly.
 *
 * @param maxConnections open WebSockets (workers and request-only clients) allowed at once; one more upgrade is
 *     answered HTTP 503
 * @param maxFrameBytes largest single frame accepted; a bigger frame makes Vert.x close the socket with 1009
 *     (clients split messages into frames of at most this size); applied to the listener's options
 * @param maxMessageBytes largest request envelope (all frames of one message); a bigger one is answered with a
 *     413 envelope and the socket stays open
 * @param maxInFlight requests of one socket being processed at once; at the limit the socket is not read until
 *     an answer goes out, so TCP pushes back on the client instead of the server queueing or refusing
 * @param writeQueueBytes bytes written to the socket and not yet flushed at which the worker is not offered new
 *     work and the socket is not read, until half of it drained
 * @param maxWriteQueueBytes hard cap of that queue: a connection that would exceed it is closed as a slow
 *     consumer (1008)
 * @param pingInterval ms between pings the server sends
 * @param pongTimeout ms a ping may go unanswered before the peer is declared dead, unregistered and closed
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

  /** Every default, as {@link WebSocketSettings#DEFAULT} gives them. */
  public static final WebSocketConfig DEFAULT = from(WebSocketSettings.DEFAULT);

  public WebSocketConfig {
    WebSocketSettings.check(maxConnections, maxFrameBytes, maxMessageBytes, maxInFlight, writeQueueBytes,
        maxWriteQueueBytes, pingInterval, pongTimeout);
  }

  /** The transport's view of the configured settings. */
  public static WebSocketConfig from(WebSocketSettings settings) {
    return new WebSocketConfig(settings.maxConnections(), settings.maxFrameBytes(), settings.maxMessageBytes(),
        settings.maxInFlight(), settings.writeQueueBytes(), settings.maxWriteQueueBytes(), settings.pingInterval(),
        settings.pongTimeout());
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
