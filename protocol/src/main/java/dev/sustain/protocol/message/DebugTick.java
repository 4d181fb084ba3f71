package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** {@code debug.tick}: run one background timeout pass at {@code time} (debug mode only). */
public record DebugTick(long time) implements RequestData {
  @Override
  public Kind kind() {
    return Kind.DEBUG_TICK;
  }
}
