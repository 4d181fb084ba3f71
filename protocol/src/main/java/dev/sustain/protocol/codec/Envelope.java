package dev.sustain.protocol.codec;

import dev.sustain.protocol.envelope.RequestHead;
import java.util.Objects;

/**
 * A request envelope whose head has been checked (spec §1.5 steps 1–4) but whose {@code data} is not decoded
 * yet, so the server can authenticate, authorize and dispatch before paying for the typed decode.
 *
 * @param kind the {@code kind} exactly as sent; may name no known operation
 */
public record Envelope(String kind, RequestHead head, RawData data) {
  public Envelope {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(data, "data");
  }
}
