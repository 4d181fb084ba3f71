package dev.sustain.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every request kind of the Async RPC protocol, each holding its exact wire name. */
public enum Kind {
  PROMISE_GET("promise.get"),
  PROMISE_CREATE("promise.create"),
  PROMISE_SETTLE("promise.settle"),
  PROMISE_REGISTER_CALLBACK("promise.register_callback"),
  PROMISE_REGISTER_LISTENER("promise.register_listener"),
  PROMISE_SEARCH("promise.search"),
  TASK_GET("task.get"),
  TASK_CREATE("task.create"),
  TASK_ACQUIRE("task.acquire"),
  TASK_RELEASE("task.release"),
  TASK_FULFILL("task.fulfill"),
  TASK_SUSPEND("task.suspend"),
  TASK_FENCE("task.fence"),
  TASK_HEARTBEAT("task.heartbeat"),
  TASK_HALT("task.halt"),
  TASK_CONTINUE("task.continue"),
  TASK_SEARCH("task.search"),
  SCHEDULE_CREATE("schedule.create"),
  SCHEDULE_GET("schedule.get"),
  SCHEDULE_DELETE("schedule.delete"),
  SCHEDULE_SEARCH("schedule.search"),
  DEBUG_START("debug.start"),
  DEBUG_STOP("debug.stop"),
  DEBUG_RESET("debug.reset"),
  DEBUG_TICK("debug.tick"),
  DEBUG_SNAP("debug.snap");

  private static final Map<String, Kind> BY_WIRE = new HashMap<>();

  static {
    for (Kind k : values()) {
      BY_WIRE.put(k.wire, k);
    }
  }

  private final String wire;

  Kind(String wire) {
    this.wire = wire;
  }

  /** The exact string used in the {@code kind} field. */
  public String wire() {
    return wire;
  }

  public boolean isDebug() {
    return wire.startsWith("debug.");
  }

  public static Optional<Kind> fromWire(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }

  @Override
  public String toString() {
    return wire;
  }
}
