package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code debug.snap} (debug mode only). */
public record DebugSnap() implements RequestData {
  @Override
  public Kind kind() {
    return Kind.DEBUG_SNAP;
  }
}
