package dev.sustain.server.core.state;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every table in sorted maps, with the secondary indexes {@link State} queries need, so each keyed operation and
 * each step of an ordered query is O(log n). Backs the oracle and the in-memory development store.
 *
 * <p>Not thread-safe: confined to the thread applying requests.
 */
public final class MemoryState implements State {

  /** An index entry ordered by deadline, then id. */
  private record Due(long at, String id) {}

  private static final Comparator<Due> BY_DUE =
      Comparator.comparingLong(Due::at).thenComparing(Due::id, IdOrder.INSTANCE);

  private final TreeMap<String, PromiseRecord> promises = new TreeMap<>(IdOrder.INSTANCE);
  private final TreeSet<Due> pendingByTimeout = new TreeSet<>(BY_DUE);
  private final TreeMap<String, TreeSet<String>> promisesByBranch = new TreeMap<>(IdOrder.INSTANCE);

  private final TreeMap<String, TaskRow> tasks = new TreeMap<>(IdOrder.INSTANCE);
  private final TreeSet<Due> tasksByTimer = new TreeSet<>(BY_DUE);
  private final TreeMap<String, TreeSet<String>> tasksByHolder = new TreeMap<>(IdOrder.INSTANCE);

  // Callbacks are stored twice: primary (awaited → awaiter) and the awaiter index (awaiter → awaited).
  private final TreeMap<String, TreeMap<String, CallbackRow>> callbacksByAwaited = new TreeMap<>(IdOrder.INSTANCE);
  private final TreeMap<String, TreeMap<String, CallbackRow>> callbacksByAwaiter = new TreeMap<>(IdOrder.INSTANCE);

  private final TreeMap<String, TreeMap<String, ListenerRow>> listeners = new TreeMap<>(IdOrder.INSTANCE);

  private final TreeMap<String, ScheduleRecord> schedules = new TreeMap<>(IdOrder.INSTANCE);
  private final TreeSet<Due> schedulesByNextRun = new TreeSet<>(BY_DUE);

  private final TreeMap<String, ExecuteRow> executes = new TreeMap<>(IdOrder.INSTANCE);
  private final TreeMap<String, TreeMap<String, UnblockRow>> unblocks = new TreeMap<>(IdOrder.INSTANCE);

  private final ChangeSet changes = new ChangeSet();

  // ---- keyed reads

  @Override
  public Optional<PromiseRecord> promise(String id) {
    return Optional.ofNullable(promises.get(id));
  }

  @Override
  public Optional<TaskRow> task(String id) {
    return Optional.ofNullable(tasks.get(id));
  }

  @Override
  public Optional<CallbackRow> callback(String awaited, String awaiter) {
    TreeMap<String, CallbackRow> byAwaiter = callbacksByAwaited.get(awaited);
    return Optional.ofNullable(byAwaiter == null ? null : byAwaiter.get(awaiter));
  }

  @Override
  public Optional<ScheduleRecord> schedule(String id) {
    return Optional.ofNullable(schedules.get(id));
  }

  @Override
  public Optional<ExecuteRow> execute(String taskId) {
    return Optional.ofNullable(executes.get(taskId));
  }

  // ---- indexed reads

  @Override
  public List<CallbackRow> callbacksOnAwaited(String awaited) {
    return valuesOf(callbacksByAwaited.get(awaited));
  }

  @Override
  public List<CallbackRow> callbacksOfAwaiter(String awaiter) {
    return valuesOf(callbacksByAwaiter.get(awaiter));
  }

  @Override
  public List<ListenerRow> listeners(String promiseId) {
    return valuesOf(listeners.get(promiseId));
  }

  @Override
  public List<PromiseRecord> promisesByBranch(String branch) {
    TreeSet<String> ids = promisesByBranch.get(branch);
    List<PromiseRecord> out = new ArrayList<>();
    if (ids != null) {
      for (String id : ids) {
        out.add(promises.get(id));
      }
    }
    return out;
  }

  @Override
  public List<TaskRow> tasksHeldBy(String pid) {
    TreeSet<String> ids = tasksByHolder.get(pid);
    List<TaskRow> out = new ArrayList<>();
    if (ids != null) {
      for (String id : ids) {
        out.add(tasks.get(id));
      }
    }
    return out;
  }

  @Override
  public List<PromiseRecord> promisesDue(long now, int limit) {
    List<PromiseRecord> out = new ArrayList<>();
    for (Due due : dueUpTo(pendingByTimeout, now)) {
      if (out.size() >= limit) {
        break;
      }
      out.add(promises.get(due.id()));
    }
    return out;
  }

  @Override
  public List<TaskRow> tasksDue(long now, int limit) {
    List<TaskRow> out = new ArrayList<>();
    for (Due due : dueUpTo(tasksByTimer, now)) {
      if (out.size() >= limit) {
        break;
      }
      out.add(tasks.get(due.id()));
    }
    return out;
  }

  @Override
  public List<ScheduleRecord> schedulesDue(long now, int limit) {
    List<ScheduleRecord> out = new ArrayList<>();
    for (Due due : dueUpTo(schedulesByNextRun, now)) {
      if (out.size() >= limit) {
        break;
      }
      out.add(schedules.get(due.id()));
    }
    return out;
  }

  @Override
  public long nextDeadline() {
    long next = Long.MAX_VALUE;
    if (!pendingByTimeout.isEmpty()) {
      next = Math.min(next, pendingByTimeout.first().at());
    }
    if (!tasksByTimer.isEmpty()) {
      next = Math.min(next, tasksByTimer.first().at());
    }
    if (!schedulesByNextRun.isEmpty()) {
      next = Math.min(next, schedulesByNextRun.first().at());
    }
    return next;
  }

  // ---- searches

  @Override
  public List<PromiseRecord> searchPromises(
      PromiseState state, Map<String, String> tags, String cursor, int limit) {
    List<PromiseRecord> out = new ArrayList<>();
    for (PromiseRecord p : after(promises, cursor).values()) {
      if (out.size() >= limit) {
        break;
      }
      if ((state == null || p.state() == state) && TagFilter.matches(p.tags(), tags)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public List<TaskRow> searchTasks(TaskState state, String cursor, int limit) {
    List<TaskRow> out = new ArrayList<>();
    for (TaskRow t : after(tasks, cursor).values()) {
      if (out.size() >= limit) {
        break;
      }
      if (state == null || t.state() == state) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<ScheduleRecord> searchSchedules(Map<String, String> tags, String cursor, int limit) {
    List<ScheduleRecord> out = new ArrayList<>();
    for (ScheduleRecord s : after(schedules, cursor).values()) {
      if (out.size() >= limit) {
        break;
      }
      if (TagFilter.matches(s.promiseTags(), tags)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public List<Row> rows(Table table) {
    List<Row> out = new ArrayList<>();
    switch (table) {
      case PROMISES -> promises.values().forEach(p -> out.add(new PromiseRow(p)));
      case TASKS -> out.addAll(tasks.values());
      case CALLBACKS -> callbacksByAwaited.values().forEach(m -> out.addAll(m.values()));
      case LISTENERS -> listeners.values().forEach(m -> out.addAll(m.values()));
      case SCHEDULES -> schedules.values().forEach(s -> out.add(new ScheduleRow(s)));
      case OUTBOX_EXECUTE -> out.addAll(executes.values());
      case OUTBOX_UNBLOCK -> unblocks.values().forEach(m -> out.addAll(m.values()));
    }
    return out;
  }

  // ---- writes

  @Override
  public void put(Row row) {
    if (row instanceof PromiseRow r) {
      putPromise(r.promise());
    } else if (row instanceof TaskRow r) {
      putTask(r);
    } else if (row instanceof CallbackRow r) {
      nested(callbacksByAwaited, r.awaited()).put(r.awaiter(), r);
      nested(callbacksByAwaiter, r.awaiter()).put(r.awaited(), r);
    } else if (row instanceof ListenerRow r) {
      nested(listeners, r.promiseId()).put(r.address(), r);
    } else if (row instanceof ScheduleRow r) {
      putSchedule(r.schedule());
    } else if (row instanceof ExecuteRow r) {
      executes.put(r.taskId(), r);
    } else if (row instanceof UnblockRow r) {
      nested(unblocks, r.promiseId()).put(r.address(), r);
    }
    changes.put(row);
  }

  @Override
  public void delete(RowKey key) {
    boolean existed =
        switch (key.table()) {
          case PROMISES -> removePromise(key.first());
          case TASKS -> removeTask(key.first());
          case CALLBACKS -> {
            boolean removed = removeNested(callbacksByAwaited, key.first(), key.second());
            removeNested(callbacksByAwaiter, key.second(), key.first());
            yield removed;
          }
          case LISTENERS -> removeNested(listeners, key.first(), key.second());
          case SCHEDULES -> removeSchedule(key.first());
          case OUTBOX_EXECUTE -> executes.remove(key.first()) != null;
          case OUTBOX_UNBLOCK -> removeNested(unblocks, key.first(), key.second());
        };
    if (existed) {
      changes.delete(key);
    }
  }

  @Override
  public void reset() {
    promises.clear();
    pendingByTimeout.clear();
    promisesByBranch.clear();
    tasks.clear();
    tasksByTimer.clear();
    tasksByHolder.clear();
    callbacksByAwaited.clear();
    callbacksByAwaiter.clear();
    listeners.clear();
    schedules.clear();
    schedulesByNextRun.clear();
    executes.clear();
    unblocks.clear();
    changes.markReset();
  }

  @Override
  public ChangeSet changes() {
    return changes;
  }

  // ---- index maintenance

  private void putPromise(PromiseRecord p) {
    removePromise(p.id());
    promises.put(p.id(), p);
    if (p.state() == PromiseState.PENDING) {
      pendingByTimeout.add(new Due(p.timeoutAt(), p.id()));
    }
    String branch = p.tag(Tags.BRANCH);
    if (branch != null) {
      promisesByBranch.computeIfAbsent(branch, b -> new TreeSet<>(IdOrder.INSTANCE)).add(p.id());
    }
  }

  private boolean removePromise(String id) {
    PromiseRecord old = promises.remove(id);
    if (old == null) {
      return false;
    }
    pendingByTimeout.remove(new Due(old.timeoutAt(), id));
    String branch = old.tag(Tags.BRANCH);
    if (branch != null) {
      removeFromSet(promisesByBranch, branch, id);
    }
    return true;
  }

  private void putTask(TaskRow t) {
    removeTask(t.id());
    tasks.put(t.id(), t);
    if (t.timerAt() != null) {
      tasksByTimer.add(new Due(t.timerAt(), t.id()));
    }
    if (t.pid() != null && t.state() == TaskState.ACQUIRED) {
      tasksByHolder.computeIfAbsent(t.pid(), p -> new TreeSet<>(IdOrder.INSTANCE)).add(t.id());
    }
  }

  private boolean removeTask(String id) {
    TaskRow old = tasks.remove(id);
    if (old == null) {
      return false;
    }
    if (old.timerAt() != null) {
      tasksByTimer.remove(new Due(old.timerAt(), id));
    }
    if (old.pid() != null) {
      removeFromSet(tasksByHolder, old.pid(), id);
    }
    return true;
  }

  private void putSchedule(ScheduleRecord s) {
    removeSchedule(s.id());
    schedules.put(s.id(), s);
    schedulesByNextRun.add(new Due(s.nextRunAt(), s.id()));
  }

  private boolean removeSchedule(String id) {
    ScheduleRecord old = schedules.remove(id);
    if (old == null) {
      return false;
    }
    schedulesByNextRun.remove(new Due(old.nextRunAt(), id));
    return true;
  }

  // ---- small map helpers

  private static Iterable<Due> dueUpTo(NavigableSet<Due> index, long now) {
    // "" is the least id, so (now + 1, "") bounds exactly the entries due at or before now.
    if (now == Long.MAX_VALUE) {
      return index;
    }
    return index.headSet(new Due(now + 1, ""), false);
  }

  private static <V> NavigableMap<String, V> after(NavigableMap<String, V> map, String cursor) {
    return cursor == null ? map : map.tailMap(cursor, false);
  }


  private static <V> List<V> valuesOf(TreeMap<String, V> map) {
    return map == null ? List.of() : new ArrayList<>(map.values());
  }

  private static <V> TreeMap<String, V> nested(TreeMap<String, TreeMap<String, V>> outer, String key) {
    return outer.computeIfAbsent(key, k -> new TreeMap<>(IdOrder.INSTANCE));
  }

  private static <V> boolean removeNested(TreeMap<String, TreeMap<String, V>> outer, String first, String second) {
    TreeMap<String, V> inner = outer.get(first);
    if (inner == null || inner.remove(second) == null) {
      return false;
    }
    if (inner.isEmpty()) {
      outer.remove(first);
    }
    return true;
  }

  private static void removeFromSet(TreeMap<String, TreeSet<String>> index, String key, String id) {
    TreeSet<String> ids = index.get(key);
    if (ids != null && ids.remove(id) && ids.isEmpty()) {
      index.remove(key);
    }
  }
}
