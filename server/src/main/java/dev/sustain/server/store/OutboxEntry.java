package dev.sustain.server.store;

import dev.sustain.protocol.message.Message;
import java.util.Objects;

/** A message queued for delivery to an address (spec §1.7, §4.4), as stored in the outbox. */
public record OutboxEntry(String address, Message message) {
  public OutboxEntry {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(message, "message");
  }
}
