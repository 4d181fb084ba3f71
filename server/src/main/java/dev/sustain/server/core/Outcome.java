package dev.sustain.server.core;

import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.ResponseData;
import java.util.Objects;

/** The protocol answer to one request: a status and its data (typed for 200/300, a message otherwise). */
public record Outcome(int status, ResponseData data) {
  public Outcome {
    Objects.requireNonNull(data, "data");
  }

  public static Outcome ok(ResponseData data) {
    return new Outcome(200, data);
  }

  public static Outcome error(int status, String message) {
    return new Outcome(status, new ErrorMessage(message));
  }
}
