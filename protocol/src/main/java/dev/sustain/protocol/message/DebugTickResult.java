package dev.sustain.protocol.message;

/** 200 {@code data} of {@code debug.tick}: always the empty JSON array {@code []}. */
public record DebugTickResult() implements ResponseData {
  public static final DebugTickResult INSTANCE = new DebugTickResult();
}
