package dev.sustain.protocol.model;

import java.util.Optional;

/** Task states with their wire strings. */
public enum TaskState {
  PENDING("pending"),
  ACQUIRED("acquired"),
  SUSPENDED("suspended"),
  HALTED("halted"),
  FULFILLED("fulfilled");

  private final String wire;

  TaskState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<TaskState> fromWire(String s) {
    for (TaskState p : values()) {
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
