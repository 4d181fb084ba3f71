package dev.sustain.server.core;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.TaskRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Promise settlement: the client settle, the timeout transition (spec §4.1), Touch (§4.5.2), and the settlement
 * cascade (§4.3), which is defined only here. Every path that moves a promise out of {@code pending} ends in
 * {@link #cascade}.
 */
public final class Settlement {
  private final Step step;

  Settlement(Step step) {
    this.step = step;
  }

  /** The record a pending promise takes when its deadline passes: {@code settledAt = timeoutAt}, value kept. */
  public static PromiseRecord timedOut(PromiseRecord p) {
    PromiseState state = isTimer(p) ? PromiseState.RESOLVED : PromiseState.REJECTED_TIMEDOUT;
    return new PromiseRecord(
        p.id(), state, p.param(), p.value(), p.tags(), p.timeoutAt(), p.createdAt(), p.timeoutAt());
  }

  /** Only the exact string {@code "true"} makes a promise a timer (spec §2.3). */
  public static boolean isTimer(PromiseRecord p) {
    return "true".equals(p.tag(Tags.TIMER));
  }

  /** Settles a pending promise by request ({@code settledAt = now}) and runs the cascade; returns the new record. */
  public PromiseRecord settle(PromiseRecord pending, PromiseState state, Value value) {
    PromiseRecord settled =
        new PromiseRecord(
            pending.id(), state, pending.param(), value, pending.tags(), pending.timeoutAt(), pending.createdAt(),
            step.now());
    step.state().put(new PromiseRow(settled));
    cascade(List.of(settled));
    return settled;
  }

  /** Times out every given pending promise, then runs one phased cascade over all of them. */
  public void timeOut(List<PromiseRecord> pending) {
    List<PromiseRecord> settled = new ArrayList<>(pending.size());
    for (PromiseRecord p : pending) {
      PromiseRecord t = timedOut(p);
      step.state().put(new PromiseRow(t));
      settled.add(t);
    }
    cascade(settled);
  }

  /** Touch: materialises the timeout of every listed promise that is pending with {@code timeoutAt <= now}. */
  public void touch(List<String> ids) {
    List<PromiseRecord> expired = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      step.state()
          .promise(id)
          .filter(p -> p.state() == PromiseState.PENDING && p.timeoutAt() <= step.now())
          .ifPresent(expired::add);
    }
    if (!expired.isEmpty()) {
      timeOut(expired);
    }
  }

  /**
   * The cascade for promises just written as settled, phased as spec §4.3 requires: every own task is fulfilled
   * first (step 2), then callbacks fire and listeners are unblocked (steps 3–4), so an awaiter whose own promise
   * settles in the same pass is fulfilled, never resumed. Step 1 (disarming the promise timeout) is implied:
   * only pending promises are armed.
   */
  void cascade(List<PromiseRecord> settled) {
    for (PromiseRecord p : settled) {
      step.state()
          .task(p.id())
          .filter(t -> t.state() != TaskState.FULFILLED)
          .ifPresent(step.tasks()::fulfil);
    }
    for (PromiseRecord p : settled) {
      fireCallbacks(p);
      for (ListenerRow l : step.state().listeners(p.id())) {
        step.outbox().unblock(p.id(), l.address());
        step.state().delete(l.key());
      }
    }
  }

  private void fireCallbacks(PromiseRecord p) {
    for (CallbackRow c : step.state().callbacksOnAwaited(p.id())) {
      if (!c.ready()) {
        step.state().put(new CallbackRow(c.awaited(), c.awaiter(), true));
      }
      Optional<TaskRow> awaiter = step.state().task(c.awaiter());
      if (awaiter.isPresent() && awaiter.get().state() == TaskState.SUSPENDED && isAlive(c.awaiter())) {
        step.tasks().dispatch(awaiter.get());
      }
    }
  }

  /**
   * D12: an awaiter whose own promise is settled or already past its deadline is not resumed; its own timeout
   * will fulfil it.
   */
  private boolean isAlive(String awaiterId) {
    return step.state()
        .promise(awaiterId)
        .map(a -> a.state() == PromiseState.PENDING && a.timeoutAt() > step.now())
        .orElse(false);
  }
}
