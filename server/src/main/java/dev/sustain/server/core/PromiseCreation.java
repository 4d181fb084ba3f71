package dev.sustain.server.core;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.TaskRow;
import java.util.Map;

/**
 * Inserting a promise that does not exist yet, with its task when it is targeted: {@code promise.create} and
 * the fenced create (spec §3.2 steps 3–4), {@code task.create} (§3.8, the task born acquired) and schedule
 * firing (§4.6, {@code createdAt} = the occurrence time).
 */
public final class PromiseCreation {

  /** The caller of {@code task.create}, who holds the new task at once. */
  public record Claim(String pid, long ttl) {}

  private final Step step;

  PromiseCreation(Step step) {
    this.step = step;
  }

  /**
   * Inserts the promise (the caller has checked it is absent). Born expired when {@code now >= timeoutAt}:
   * stored in its timeout state with {@code createdAt = settledAt = timeoutAt} and, if targeted, a
   * {@code fulfilled} v0 task (T3). Otherwise pending, armed (D3), and if targeted with a task that is either
   * acquired v1 by {@code claim} (T4), deferred to {@code resonate:delay} (T2, D4) or dispatched now (T1).
   *
   * @param claim the {@code task.create} caller, or {@code null}
   */
  public PromiseRecord insert(
      String id, long timeoutAt, Value param, Map<String, String> tags, long createdAt, Claim claim) {
    boolean targeted = tags.containsKey(Tags.TARGET);
    if (step.now() >= timeoutAt) {
      PromiseRecord pending =
          new PromiseRecord(id, PromiseState.PENDING, param, Value.EMPTY, tags, timeoutAt, timeoutAt, null);
      PromiseRecord expired = Settlement.timedOut(pending);
      step.state().put(new PromiseRow(expired));
      if (targeted) {
        step.state().put(new TaskRow(id, TaskState.FULFILLED, 0, null, null, null));
      }
      return expired;
    }
    PromiseRecord created =
        new PromiseRecord(id, PromiseState.PENDING, param, Value.EMPTY, tags, timeoutAt, createdAt, null);
    step.state().put(new PromiseRow(created));
    if (targeted) {
      TaskRow born = new TaskRow(id, TaskState.PENDING, 0, null, null, null);
      if (claim != null) {
        step.tasks().acquire(born, claim.pid(), claim.ttl());
      } else {
        long delay = delayOf(tags);
        if (delay > step.now()) {
          step.tasks().pendingUntil(born, delay);
        } else {
          step.tasks().dispatch(born);
        }
      }
    }
    return created;
  }

  /** The {@code resonate:delay} time, or {@link Long#MIN_VALUE} when absent or not a number (no deferral). */
  private static long delayOf(Map<String, String> tags) {
    String delay = tags.get(Tags.DELAY);
    if (delay == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(delay);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
