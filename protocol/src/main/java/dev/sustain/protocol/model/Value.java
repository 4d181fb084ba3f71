package dev.sustain.protocol.model;

import java.util.Map;

/**
 * A promise input or result: optional string headers and an opaque string payload (by convention base64 of
 * UTF-8 JSON). A member that was not supplied is {@code null} here and is omitted on the wire, never written as
 * {@code null}.
 */
public record Value(Map<String, String> headers, String data) {
  public static final Value EMPTY = new Value(null, null);

  public Value {
    headers = headers == null ? null : Map.copyOf(headers);
  }

  public static Value of(String data) {
    return new Value(Map.of(), data);
  }

  public boolean isEmpty() {
    return headers == null && data == null;
  }
}
