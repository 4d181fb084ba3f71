package dev.sustain.protocol.model;

import java.util.Optional;

/** Promise states with their wire strings. */
public enum PromiseState {
  PENDING("pending"),
  RESOLVED("resolved"),
  REJECTED("rejected"),
  REJECTED_CANCELED("rejected_canceled"),
  REJECTED_TIMEDOUT("rejected_timedout");

  private final String wire;

  PromiseState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isSettled() {
    return this != PENDING;
  }

  public static Optional<PromiseState> fromWire(String s) {
    for (PromiseState p : values()) {
      if (p.wire.equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
