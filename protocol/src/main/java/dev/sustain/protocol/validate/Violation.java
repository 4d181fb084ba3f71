package dev.sustain.protocol.validate;

import java.util.Objects;

/**
 * One failed value rule: the JSON path of the offending field (e.g. {@code data.tags.resonate:target}) and the
 * spec's message for it (e.g. {@code Invalid resonate:target address}).
 */
public record Violation(String path, String message) {
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
