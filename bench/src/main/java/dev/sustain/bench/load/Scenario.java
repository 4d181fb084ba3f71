package dev.sustain.bench.load;

import java.util.Arrays;
import java.util.Locale;

/** What one run does per loop iteration, and the operation whose rate is its headline figure. */
public enum Scenario {
  /** {@code promise.create} of a new promise, nothing else: one durable insert per request. */
  CREATE("create", "promise.create", "req/s"),
  /** {@code promise.create} then {@code promise.settle} of the same promise: two durable writes per pair. */
  CREATE_SETTLE("create-settle", "requests", "req/s"),
  /**
   * A promise targeted at a worker group is created; the server dispatches {@code execute} to one of the
   * workers, which acquires and fulfills the task. The loop waits for the fulfill before its next create.
   */
  TASK("task", "task.roundtrip", "round trips/s"),
  /**
   * An invocation through {@code SustainClient}: targeted create, listener registration, the worker's acquire
   * and fulfill, and the caller's {@code unblock} (or a settled registration answer).
   */
  INVOKE("invoke", "invoke", "invocations/s");

  private final String label;
  private final String headline;
  private final String unit;

  Scenario(String label, String headline, String unit) {
    this.label = label;
    this.headline = headline;
    this.unit = unit;
  }

  public String label() {
    return label;
  }

  /** The operation whose throughput the report compares against the ceiling. */
  public String headline() {
    return headline;
  }

  public String unit() {
    return unit;
  }

  public static Scenario parse(String label) {
    return Arrays.stream(values())
        .filter(s -> s.label.equals(label.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--scenario: expected one of create, create-settle, task,"
            + " invoke; got '" + label + "'"));
  }
}
