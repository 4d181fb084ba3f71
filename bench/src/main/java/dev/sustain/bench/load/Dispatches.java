package dev.sustain.bench.load;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tasks and invocations in flight, by promise id, shared by the loops that create them and the workers that
 * receive their {@code execute}. Measures dispatch latency: from the create's 200 reaching the loop to the
 * {@code execute} reaching a worker. The two events race (the server dispatches on commit, concurrently with
 * answering), so whichever comes second records; an {@code execute} that beats the 200 counts as 0 and is
 * tallied in {@link #early()}. Thread-safe: loops and workers live on different event loops.
 */
final class Dispatches {
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final OpMetric dispatch;
  private final LongAdder early = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder unknown = new LongAdder();

  Dispatches(OpMetric dispatch) {
    this.dispatch = dispatch;
  }

  /**
   * Registers the task or invocation {@code id}, before its create is sent. {@code onFinished} runs on
   * {@code context} once it finishes: when a worker fulfilled it ({@code finishOnFulfill}) or when
   * {@link #finish} is called.
   */
  Pending open(String id, boolean finishOnFulfill, Context context, Runnable onFinished) {
    Pending p = new Pending(id, finishOnFulfill, context, onFinished);
    pending.put(id, p);
    return p;
  }

  /** The create of {@code p} was answered 200. */
  void answered(Pending p) {
    synchronized (p) {
      p.answeredAt = System.nanoTime();
      if (p.executedAt == 0) {
        return;
      }
    }
    early.increment();
    dispatch.record(0);
  }

  /**
   * A worker received {@code execute} for {@code id}; only the first one per task counts. Later ones, and ones for
   * tasks already finished or never opened, are tallied: the server should send one per task and version.
   */
  void executed(String id) {
    Pending p = pending.get(id);
    if (p == null) {
      unknown.increment();
      return;
    }
    long now = System.nanoTime();
    long answeredAt;
    synchronized (p) {
      if (p.executedAt != 0) {
        duplicates.increment();
        return;
      }
      p.executedAt = now;
      answeredAt = p.answeredAt;
    }
    if (answeredAt != 0) {
      dispatch.record((now - answeredAt) / 1_000);
    }
  }

  /** A worker fulfilled the task {@code id}. */
  void fulfilled(String id) {
    Pending p = pending.get(id);
    if (p != null && p.finishOnFulfill) {
      finish(p);
    }
  }

  /** {@code p} is done (its loop learned the result): run its continuation once. */
  void finish(Pending p) {
    if (p.close()) {
      pending.remove(p.id, p);
      p.context.runOnContext(v -> p.onFinished.run());
    }
  }

  /** {@code p} is given up (its create failed, or it timed out); returns false if it had finished meanwhile. */
  boolean abandon(Pending p) {
    pending.remove(p.id, p);
    return p.close();
  }

  /** Finishes by invocation id, for a caller's {@code unblock}. */
  void finish(String id) {
    Pending p = pending.get(id);
    if (p != null) {
      finish(p);
    }
  }

  long early() {
    return early.sum();
  }

  /** {@code execute} messages for a task whose first one had already arrived. */
  long duplicates() {
    return duplicates.sum();
  }

  /** {@code execute} messages for no task in flight (finished, abandoned, or not this run's). */
  long unknown() {
    return unknown.sum();
  }

  /** One task or invocation in flight. Timestamps are {@link System#nanoTime}, 0 while unknown. */
  static final class Pending {
    final String id;
    final boolean finishOnFulfill;
    final Context context;
    final Runnable onFinished;
    final long startedAt = System.nanoTime();
    long answeredAt;
    long executedAt;
    private boolean closed;

    private Pending(String id, boolean finishOnFulfill, Context context, Runnable onFinished) {
      this.id = id;
      this.finishOnFulfill = finishOnFulfill;
      this.context = context;
      this.onFinished = onFinished;
    }

    private synchronized boolean close() {
      if (closed) {
        return false;
      }
      closed = true;
      return true;
    }
  }
}
