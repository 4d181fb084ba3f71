package dev.sustain.server.config;

import java.util.Objects;

/**
 * Worker delivery (Rust section {@code transports}, plus Sustain's router settings).
 *
 * @param poll the SSE poll endpoint
 * @param push HTTP push
 * @param delivery routing, parking and the outbox sweep
 */
public record TransportsConfig(PollConfig poll, PushConfig push, DeliveryConfig delivery) {
  public static final TransportsConfig DEFAULT =
      new TransportsConfig(PollConfig.DEFAULT, PushConfig.DEFAULT, DeliveryConfig.DEFAULT);

  public TransportsConfig {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(delivery, "delivery");
  }
}
