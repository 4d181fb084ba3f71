package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code debug.stop} (debug mode only). */
public record DebugStop() implements RequestData {
  @Override
  public Kind kind() {
    return Kind.DEBUG_STOP;
  }
}
