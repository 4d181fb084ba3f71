package dev.sustain.client;

/** How a {@link SustainClient} talks to the server. */
public enum TransportKind {
  /**
   * One {@code POST /} per request (pooled HTTP/1.1 connections); messages for a worker arrive on an SSE stream
   * from {@code GET /poll/{group}/{id}}. What the TypeScript SDK uses.
   */
  HTTP,

  /**
   * One long-lived WebSocket carries every request, every answer and the worker's pushed messages
   * ({@code /ws} for a request-only client, {@code /ws/{group}/{id}} for a worker). See {@code docs/websocket.md}.
   */
  WEBSOCKET
}
