package dev.sustain.protocol.message;

import java.util.Objects;

/** The {@code data} of every non-200/300 response: a human-readable message, encoded as a JSON string. */
public record ErrorMessage(String message) implements ResponseData {
  public ErrorMessage {
    Objects.requireNonNull(message, "message");
  }
}
