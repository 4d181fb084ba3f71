package dev.sustain.server.config;

import java.util.Objects;

/**
 * Worker delivery (Rust section {@code transports}, plus Sustain's router and WebSocket settings).
 *
 * @param poll the SSE poll endpoint
 * @param push HTTP push
 * @param delivery routing, parking and the outbox sweep
 * @param webSocket the WebSocket endpoint's limits and keep-alive
 */
public record TransportsConfig(
    PollConfig poll, PushConfig push, DeliveryConfig delivery, WebSocketSettings webSocket) {
  public static final TransportsConfig DEFAULT =
      new TransportsConfig(PollConfig.DEFAULT, PushConfig.DEFAULT, DeliveryConfig.DEFAULT, WebSocketSettings.DEFAULT);

  public TransportsConfig {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(webSocket, "webSocket");
  }
}
