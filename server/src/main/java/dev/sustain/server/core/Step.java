package dev.sustain.server.core;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.Tags;
import dev.sustain.server.core.state.State;
import java.util.List;
import java.util.Objects;

/**
 * One application of the engine: the state it works on, the single {@code now} of the request or pass (spec
 * §1.6), the outer {@code corrId}, and the shared mechanisms every transition uses (each defined once: outbox
 * upserts, task lifecycle and timers, settlement cascade and Touch, promise creation, preload).
 *
 * <p>Lives for one request or one background pass, confined to the caller's thread.
 */
public final class Step {
  private final State state;
  private final EngineConfig config;
  private final long now;
  private final String corrId;
  private final Outbox outbox;
  private final TaskLifecycle tasks;
  private final Settlement settlement;
  private final PromiseCreation creation;

  Step(State state, EngineConfig config, long now, String corrId) {
    this.state = Objects.requireNonNull(state, "state");
    this.config = Objects.requireNonNull(config, "config");
    this.now = now;
    this.corrId = corrId;
    this.outbox = new Outbox(this);
    this.tasks = new TaskLifecycle(this);
    this.settlement = new Settlement(this);
    this.creation = new PromiseCreation(this);
  }

  public State state() {
    return state;
  }

  public EngineConfig config() {
    return config;
  }

  public long now() {
    return now;
  }

  /** The outer request's {@code corrId}; {@code null} in a background pass. */
  public String corrId() {
    return corrId;
  }

  /** {@code now + delta}, saturating at {@link Long#MAX_VALUE} (a huge ttl must not wrap into the past). */
  public long after(long delta) {
    return plus(now, delta);
  }

  /** Saturating addition of a non-negative {@code delta}. */
  public static long plus(long at, long delta) {
    long sum = at + delta;
    return ((at ^ sum) & (delta ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  public Outbox outbox() {
    return outbox;
  }

  public TaskLifecycle tasks() {
    return tasks;
  }

  public Settlement settlement() {
    return settlement;
  }

  public PromiseCreation creation() {
    return creation;
  }

  /** Touch (spec §4.5.2) on these promise ids. */
  public void touch(String... ids) {
    settlement.touch(List.of(ids));
  }

  /**
   * The preload of a task whose promise is {@code promise} (spec §4.7): the promises sharing its
   * {@code resonate:branch}, by id, without the promise itself; empty without a branch tag.
   */
  public List<PromiseRecord> preload(PromiseRecord promise) {
    String branch = promise.tag(Tags.BRANCH);
    if (branch == null) {
      return List.of();
    }
    return state.promisesByBranch(branch).stream().filter(p -> !p.id().equals(promise.id())).toList();
  }
}
