package dev.sustain.protocol.model;

import java.util.Optional;

/** The states a client may settle a promise to; the timeout state is owned by the server. */
public enum SettleState {
  RESOLVED("resolved", PromiseState.RESOLVED),
  REJECTED("rejected", PromiseState.REJECTED),
  REJECTED_CANCELED("rejected_canceled", PromiseState.REJECTED_CANCELED);

  private final String wire;
  private final PromiseState promiseState;

  SettleState(String wire, PromiseState promiseState) {
    this.wire = wire;
    this.promiseState = promiseState;
  }

  public String wire() {
    return wire;
  }

  public PromiseState promiseState() {
    return promiseState;
  }

  public static Optional<SettleState> fromWire(String s) {
    for (SettleState p : values()) {
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
