package dev.sustain.server.core;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.TaskRow;

/**
 * The task state changes of spec §4.2 and their timers (§4.5.3): each writes the new row (the single timer is a
 * column of it) and returns it. The version changes only in {@link #acquire}.
 */
public final class TaskLifecycle {
  private final Step step;

  TaskLifecycle(Step step) {
    this.step = step;
  }

  /** The wire record: {@code resumes} = ready callbacks of this awaiter; {@code ttl}/{@code pid} only if acquired. */
  public TaskRecord record(TaskRow task) {
    long resumes = step.state().callbacksOfAwaiter(task.id()).stream().filter(CallbackRow::ready).count();
    boolean acquired = task.state() == TaskState.ACQUIRED;
    return new TaskRecord(
        task.id(), task.state(), task.version(), resumes, acquired ? task.ttl() : null, acquired ? task.pid() : null);
  }

  /**
   * Back to (or still) {@code pending} at the same version with a retry timer at {@code now + R}, and an execute
   * at that version queued to the promise's target (T6, T7, T8, T13, T15).
   */
  public TaskRow dispatch(TaskRow task) {
    TaskRow next = pendingUntil(task, step.after(step.config().retryTimeout()));
    step.outbox().execute(task.id(), task.version(), targetOf(task.id()));
    return next;
  }

  /** {@code pending} with its retry timer at {@code at} and no execute yet (T2, a deferred first dispatch). */
  public TaskRow pendingUntil(TaskRow task, long at) {
    return write(new TaskRow(task.id(), TaskState.PENDING, task.version(), at, null, null));
  }

  /** T5: {@code acquired} at {@code version + 1}, lease at {@code now + ttl} held by {@code pid}, resumes → 0. */
  public TaskRow acquire(TaskRow task, String pid, long ttl) {
    clearReady(task.id());
    return write(new TaskRow(task.id(), TaskState.ACQUIRED, task.version() + 1, step.after(ttl), pid, ttl));
  }

  /** T9: the lease of an acquired task moves to {@code now + ttl}. */
  public TaskRow renewLease(TaskRow task) {
    return write(
        new TaskRow(task.id(), task.state(), task.version(), step.after(task.ttl()), task.pid(), task.ttl()));
  }

  /** T10: {@code suspended}, no timer, holder cleared. */
  public TaskRow suspend(TaskRow task) {
    return write(new TaskRow(task.id(), TaskState.SUSPENDED, task.version(), null, null, null));
  }

  /** T14: {@code halted}, no timer; callbacks stay. */
  public TaskRow halt(TaskRow task) {
    return write(new TaskRow(task.id(), TaskState.HALTED, task.version(), null, null, null));
  }

  /** T12/T16: {@code fulfilled}, no timer, and every callback in which it is the awaiter removed. */
  public TaskRow fulfil(TaskRow task) {
    for (CallbackRow c : step.state().callbacksOfAwaiter(task.id())) {
      step.state().delete(c.key());
    }
    return write(new TaskRow(task.id(), TaskState.FULFILLED, task.version(), null, null, null));
  }

  /** Consumes the ready callbacks of this awaiter (resumes → 0), as acquire and suspend do. */
  public void clearReady(String taskId) {
    for (CallbackRow c : step.state().callbacksOfAwaiter(taskId)) {
      if (c.ready()) {
        step.state().delete(c.key());
      }
    }
  }

  private TaskRow write(TaskRow row) {
    step.state().put(row);
    return row;
  }

  private String targetOf(String taskId) {
    PromiseRecord promise =
        step.state()
            .promise(taskId)
            .orElseThrow(() -> new IllegalStateException("task " + taskId + " has no promise: rows out of sync"));
    String target = promise.tag(Tags.TARGET);
    if (target == null) {
      throw new IllegalStateException("task " + taskId + " exists but its promise has no resonate:target");
    }
    return target;
  }
}
