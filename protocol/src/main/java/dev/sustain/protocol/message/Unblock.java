package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.Objects;

/** {@code {"kind":"unblock","head":{},"data":{"promise":PromiseRecord}}}: a listened-to promise settled. */
public record Unblock(PromiseRecord promise) implements Message {
  public static final String KIND = "unblock";

  public Unblock {
    Objects.requireNonNull(promise, "promise");
  }

  @Override
  public String kind() {
    return KIND;
  }
}
