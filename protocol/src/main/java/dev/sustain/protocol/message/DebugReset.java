package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code debug.reset} (debug mode only). */
public record DebugReset() implements RequestData {
  @Override
  public Kind kind() {
    return Kind.DEBUG_RESET;
  }
}
