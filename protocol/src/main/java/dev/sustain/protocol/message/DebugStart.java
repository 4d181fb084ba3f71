package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code debug.start} (debug mode only). */
public record DebugStart() implements RequestData {
  @Override
  public Kind kind() {
    return Kind.DEBUG_START;
  }
}
