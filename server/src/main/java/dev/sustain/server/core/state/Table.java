package dev.sustain.server.core.state;

/**
 * The durable tables. Timers are columns of their owners: a task's single timer lives in its {@link TaskRow}, a
 * schedule's in its {@code nextRunAt}, and every pending promise is armed at its {@code timeoutAt} (spec D3), so
 * no separate timeout tables exist.
 */
public enum Table {
  PROMISES,
  TASKS,
  CALLBACKS,
  LISTENERS,
  SCHEDULES,
  OUTBOX_EXECUTE,
  OUTBOX_UNBLOCK
}
