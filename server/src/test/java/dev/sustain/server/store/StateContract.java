package dev.sustain.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.ScheduleRow;
import dev.sustain.server.core.state.State;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link State} implementation shares, so the oracle's {@code MemoryState} and the embedded
 * store's SQLite state cannot drift apart: keyed reads, the ordered and limited indexed queries, searches with
 * cursors and tag containment, deadlines, writes and their {@code ChangeSet} record, and exact {@link Value}
 * round trips.
 */
public abstract class StateContract {
  protected static final long T0 = 1_700_000_000_000L;

  protected State state;

  /** A fresh, empty state. */
  protected abstract State newState() throws Exception;

  /** Releases what {@link #newState()} opened. */
  protected void closeState(State state) throws Exception {}

  @BeforeEach
  void open() throws Exception {
    state = newState();
  }

  @AfterEach
  void close() throws Exception {
    closeState(state);
  }

  // ---- fixtures

  protected static PromiseRecord pending(String id, long timeoutAt, Map<String, String> tags) {
    return new PromiseRecord(id, PromiseState.PENDING, Value.EMPTY, Value.EMPTY, tags, timeoutAt, T0, null);
  }

  protected static PromiseRecord settled(String id, PromiseState st, long timeoutAt, Map<String, String> tags) {
    return new PromiseRecord(id, st, Value.EMPTY, Value.of("ok"), tags, timeoutAt, T0, T0 + 5);
  }

  protected static TaskRow pendingTask(String id, long timerAt) {
    return new TaskRow(id, TaskState.PENDING, 0, timerAt, null, null);
  }

  protected static TaskRow acquiredTask(String id, long timerAt, String pid) {
    return new TaskRow(id, TaskState.ACQUIRED, 1, timerAt, pid, 60_000L);
  }

  protected static ScheduleRecord schedule(String id, long nextRunAt, Map<String, String> tags) {
    return new ScheduleRecord(id, "* * * * *", "{{.id}}.{{.timestamp}}", 60_000, Value.EMPTY, tags, T0, nextRunAt,
        null);
  }

  private void putPromises(PromiseRecord... promises) {
    for (PromiseRecord p : promises) {
      state.put(new PromiseRow(p));
    }
  }

  private static List<String> promiseIds(List<PromiseRecord> promises) {
    return promises.stream().map(PromiseRecord::id).collect(Collectors.toList());
  }

  private static List<String> taskIds(List<TaskRow> tasks) {
    return tasks.stream().map(TaskRow::id).collect(Collectors.toList());
  }

  private static List<String> scheduleIds(List<ScheduleRecord> schedules) {
    return schedules.stream().map(ScheduleRecord::id).collect(Collectors.toList());
  }

  // ---- keyed reads and writes

  @Test
  void keyedReadsReturnWhatWasPutAndNothingForAbsentKeys() {
    PromiseRecord p = pending("p1", T0 + 100, Map.of("k", "v"));
    TaskRow t = acquiredTask("p1", T0 + 60_000, "pid-1");
    CallbackRow c = new CallbackRow("p2", "p1", false);
    ScheduleRecord s = schedule("s1", T0 + 60_000, Map.of("a", "b"));
    ExecuteRow e = new ExecuteRow("p1", 3, "poll://any@default");
    state.put(new PromiseRow(p));
    state.put(t);
    state.put(c);
    state.put(new ScheduleRow(s));
    state.put(e);

    assertEquals(Optional.of(p), state.promise("p1"));
    assertEquals(Optional.of(t), state.task("p1"));
    assertEquals(Optional.of(c), state.callback("p2", "p1"));
    assertEquals(Optional.of(s), state.schedule("s1"));
    assertEquals(Optional.of(e), state.execute("p1"));

    assertEquals(Optional.empty(), state.promise("p2"));
    assertEquals(Optional.empty(), state.task("p2"));
    assertEquals(Optional.empty(), state.callback("p1", "p2"));
    assertEquals(Optional.empty(), state.schedule("s2"));
    assertEquals(Optional.empty(), state.execute("p2"));
  }

  @Test
  void putReplacesTheRowWithTheSameKey() {
    state.put(new PromiseRow(pending("p", T0 + 100, Map.of())));
    PromiseRecord resolved = settled("p", PromiseState.RESOLVED, T0 + 100, Map.of());
    state.put(new PromiseRow(resolved));
    state.put(pendingTask("p", T0 + 10));
    TaskRow acquired = acquiredTask("p", T0 + 20, "w");
    state.put(acquired);
    state.put(new CallbackRow("a", "b", false));
    state.put(new CallbackRow("a", "b", true));
    state.put(new ExecuteRow("p", 0, "x"));
    state.put(new ExecuteRow("p", 1, "y"));
    state.put(new ListenerRow("p", "addr"));
    state.put(new ListenerRow("p", "addr"));

    assertEquals(Optional.of(resolved), state.promise("p"));
    assertEquals(Optional.of(acquired), state.task("p"));
    assertEquals(Optional.of(new CallbackRow("a", "b", true)), state.callback("a", "b"));
    assertEquals(Optional.of(new ExecuteRow("p", 1, "y")), state.execute("p"));
    assertEquals(List.of(new ListenerRow("p", "addr")), state.listeners("p"));
    assertEquals(1, state.rows(Table.PROMISES).size());
    assertEquals(1, state.rows(Table.CALLBACKS).size());
  }

  @Test
  void deleteRemovesOnlyThatKeyAndIgnoresAbsentKeys() {
    state.put(new PromiseRow(pending("p", T0 + 100, Map.of())));
    state.put(new PromiseRow(pending("q", T0 + 100, Map.of())));
    state.put(new CallbackRow("p", "q", false));
    state.put(new CallbackRow("p", "r", false));
    state.put(new ListenerRow("p", "a1"));
    state.put(new ListenerRow("p", "a2"));
    state.put(new UnblockRow("p", "a1"));
    state.put(new UnblockRow("p", "a2"));

    state.delete(RowKey.of(Table.PROMISES, "p"));
    state.delete(RowKey.of(Table.CALLBACKS, "p", "q"));
    state.delete(RowKey.of(Table.LISTENERS, "p", "a1"));
    state.delete(RowKey.of(Table.OUTBOX_UNBLOCK, "p", "a2"));
    state.delete(RowKey.of(Table.TASKS, "nope"));
    state.delete(RowKey.of(Table.SCHEDULES, "nope"));
    state.delete(RowKey.of(Table.OUTBOX_EXECUTE, "nope"));

    assertEquals(Optional.empty(), state.promise("p"));
    assertTrue(state.promise("q").isPresent());
    assertEquals(List.of(new CallbackRow("p", "r", false)), state.callbacksOnAwaited("p"));
    assertEquals(List.of(new ListenerRow("p", "a2")), state.listeners("p"));
    assertEquals(List.of(new UnblockRow("p", "a1")), state.rows(Table.OUTBOX_UNBLOCK));
  }

  @Test
  void valuesKeepAbsentEmptyAndPresentMembersApart() {
    List<Value> values =
        List.of(
            Value.EMPTY,
            new Value(Map.of(), null),
            new Value(null, ""),
            new Value(Map.of(), ""),
            new Value(Map.of("h", ""), "ZGF0YQ=="),
            new Value(Map.of("a\"b", "x\\y", "ü", "\n"), "x"));
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      PromiseRecord p =
          new PromiseRecord("v" + i, PromiseState.RESOLVED, v, values.get(values.size() - 1 - i), Map.of(), T0,
              T0, T0);
      state.put(new PromiseRow(p));
      ScheduleRecord s = new ScheduleRecord("s" + i, "* * * * *", "x", 1, v, Map.of(), T0, T0, T0 - 1);
      state.put(new ScheduleRow(s));
    }
    for (int i = 0; i < values.size(); i++) {
      PromiseRecord p = state.promise("v" + i).orElseThrow();
      assertEquals(values.get(i), p.param(), "param " + i);
      assertEquals(values.get(values.size() - 1 - i), p.value(), "value " + i);
      assertEquals(values.get(i).headers() == null, p.param().headers() == null, "headers absence " + i);
      assertEquals(values.get(i).data() == null, p.param().data() == null, "data absence " + i);
      assertEquals(values.get(i), state.schedule("s" + i).orElseThrow().promiseParam(), "schedule param " + i);
    }
  }

  @Test
  void nullableFieldsRoundTrip() {
    PromiseRecord p = pending("p", T0 + 1, Map.of());
    assertNull(p.settledAt());
    state.put(new PromiseRow(p));
    assertNull(state.promise("p").orElseThrow().settledAt());
    TaskRow suspended = new TaskRow("t", TaskState.SUSPENDED, 7, null, null, null);
    state.put(suspended);
    assertEquals(Optional.of(suspended), state.task("t"));
    ScheduleRecord s = schedule("s", T0, Map.of());
    state.put(new ScheduleRow(s));
    assertNull(state.schedule("s").orElseThrow().lastRunAt());
    ScheduleRecord fired = new ScheduleRecord("s", s.cron(), s.promiseId(), 5, s.promiseParam(), Map.of("x", "y"),
        T0, T0 + 60_000, T0);
    state.put(new ScheduleRow(fired));
    assertEquals(Optional.of(fired), state.schedule("s"));
  }

  @Test
  void tagsRoundTripIncludingAwkwardKeysAndValues() {
    Map<String, String> tags = new HashMap<>();
    tags.put("resonate:target", "poll://any@default");
    tags.put("a.b", "$.x");
    tags.put("\"quoted\"", "'single'");
    tags.put("", "empty key");
    tags.put("emoji😀", "日本");
    tags.put("blank", "");
    state.put(new PromiseRow(pending("p", T0, tags)));
    assertEquals(tags, state.promise("p").orElseThrow().tags());
  }

  // ---- indexed reads

  @Test
  void callbacksAreListedByTheOtherSideOfTheKey() {
    state.put(new CallbackRow("x", "c", false));
    state.put(new CallbackRow("x", "a", true));
    state.put(new CallbackRow("y", "a", false));
    state.put(new CallbackRow("x", "b", false));
    state.put(new CallbackRow("w", "a", true));

    assertEquals(
        List.of(new CallbackRow("x", "a", true), new CallbackRow("x", "b", false), new CallbackRow("x", "c", false)),
        state.callbacksOnAwaited("x"));
    assertEquals(
        List.of(new CallbackRow("w", "a", true), new CallbackRow("x", "a", true), new CallbackRow("y", "a", false)),
        state.callbacksOfAwaiter("a"));
    assertEquals(List.of(), state.callbacksOnAwaited("a"));
    assertEquals(List.of(), state.callbacksOfAwaiter("x"));
  }

  @Test
  void listenersAreOrderedByAddress() {
    state.put(new ListenerRow("p", "poll://uni@g/2"));
    state.put(new ListenerRow("p", "http://b"));
    state.put(new ListenerRow("q", "http://a"));
    state.put(new ListenerRow("p", "http://a"));
    assertEquals(
        List.of(
            new ListenerRow("p", "http://a"), new ListenerRow("p", "http://b"), new ListenerRow("p", "poll://uni@g/2")),
        state.listeners("p"));
    assertEquals(List.of(), state.listeners("r"));
  }

  @Test
  void promisesByBranchMatchTheTagExactlyInIdOrder() {
    putPromises(
        pending("root:2", T0, Map.of("resonate:branch", "root")),
        settled("root:1", PromiseState.RESOLVED, T0, Map.of("resonate:branch", "root")),
        pending("root", T0, Map.of("resonate:branch", "root", "resonate:origin", "root")),
        pending("other", T0, Map.of("resonate:branch", "root2")),
        pending("none", T0, Map.of("resonate:origin", "root")));
    assertEquals(List.of("root", "root:1", "root:2"), promiseIds(state.promisesByBranch("root")));
    assertEquals(List.of(), promiseIds(state.promisesByBranch("roo")));

    state.put(new PromiseRow(pending("root:2", T0, Map.of("resonate:branch", "elsewhere"))));
    assertEquals(List.of("root", "root:1"), promiseIds(state.promisesByBranch("root")));
    state.delete(RowKey.of(Table.PROMISES, "root"));
    assertEquals(List.of("root:1"), promiseIds(state.promisesByBranch("root")));
  }

  @Test
  void tasksHeldByListsOnlyAcquiredTasksOfThatPid() {
    state.put(acquiredTask("t3", T0, "w1"));
    state.put(acquiredTask("t1", T0 + 5, "w1"));
    state.put(acquiredTask("t2", T0, "w2"));
    state.put(pendingTask("t4", T0));
    state.put(new TaskRow("t5", TaskState.FULFILLED, 2, null, null, null));
    assertEquals(List.of("t1", "t3"), taskIds(state.tasksHeldBy("w1")));
    assertEquals(List.of("t2"), taskIds(state.tasksHeldBy("w2")));
    assertEquals(List.of(), taskIds(state.tasksHeldBy("w3")));

    state.put(pendingTask("t1", T0 + 100));
    assertEquals(List.of("t3"), taskIds(state.tasksHeldBy("w1")));
  }

  @Test
  void promisesDueArePendingOnesAtOrBeforeNowByDeadlineThenId() {
    putPromises(
        pending("b", T0 + 10, Map.of()),
        pending("a", T0 + 10, Map.of()),
        pending("c", T0 + 5, Map.of()),
        pending("d", T0 + 11, Map.of()),
        settled("e", PromiseState.REJECTED, T0, Map.of()),
        pending("f", T0 - 100, Map.of()));
    assertEquals(List.of("f", "c", "a", "b"), promiseIds(state.promisesDue(T0 + 10, 100)));
    assertEquals(List.of("f", "c"), promiseIds(state.promisesDue(T0 + 10, 2)));
    assertEquals(List.of("f"), promiseIds(state.promisesDue(T0 - 100, 100)));
    assertEquals(List.of(), promiseIds(state.promisesDue(T0 - 101, 100)));
  }

  @Test
  void tasksDueAreTasksWithATimerAtOrBeforeNowByTimerThenId() {
    state.put(pendingTask("b", T0 + 10));
    state.put(acquiredTask("a", T0 + 10, "w"));
    state.put(pendingTask("c", T0 + 1));
    state.put(pendingTask("d", T0 + 11));
    state.put(new TaskRow("e", TaskState.SUSPENDED, 1, null, null, null));
    state.put(new TaskRow("f", TaskState.HALTED, 1, null, null, null));
    assertEquals(List.of("c", "a", "b"), taskIds(state.tasksDue(T0 + 10, 100)));
    assertEquals(List.of("c"), taskIds(state.tasksDue(T0 + 10, 1)));
    assertEquals(List.of("c", "a", "b", "d"), taskIds(state.tasksDue(Long.MAX_VALUE, 100)));
  }

  @Test
  void schedulesDueAreByNextRunThenId() {
    state.put(new ScheduleRow(schedule("b", T0 + 10, Map.of())));
    state.put(new ScheduleRow(schedule("a", T0 + 10, Map.of())));
    state.put(new ScheduleRow(schedule("c", T0, Map.of())));
    state.put(new ScheduleRow(schedule("d", T0 + 60_000, Map.of())));
    assertEquals(List.of("c", "a", "b"), scheduleIds(state.schedulesDue(T0 + 10, 100)));
    assertEquals(List.of("c", "a"), scheduleIds(state.schedulesDue(T0 + 10, 2)));
    assertEquals(List.of(), scheduleIds(state.schedulesDue(T0 - 1, 100)));
  }

  @Test
  void nextDeadlineIsTheEarliestArmedTimerOfAnyKind() {
    assertEquals(Long.MAX_VALUE, state.nextDeadline());

    state.put(new ScheduleRow(schedule("s", T0 + 300, Map.of())));
    assertEquals(T0 + 300, state.nextDeadline());
    state.put(pendingTask("t", T0 + 200));
    assertEquals(T0 + 200, state.nextDeadline());
    state.put(new PromiseRow(pending("p", T0 + 100, Map.of())));
    assertEquals(T0 + 100, state.nextDeadline());
    state.put(new PromiseRow(settled("old", PromiseState.RESOLVED, T0 - 1000, Map.of())));
    state.put(new TaskRow("old", TaskState.FULFILLED, 0, null, null, null));
    assertEquals(T0 + 100, state.nextDeadline(), "settled promises and timerless tasks are not armed");

    state.put(new PromiseRow(settled("p", PromiseState.RESOLVED, T0 + 100, Map.of())));
    assertEquals(T0 + 200, state.nextDeadline());
    state.put(new TaskRow("t", TaskState.SUSPENDED, 0, null, null, null));
    assertEquals(T0 + 300, state.nextDeadline());
    state.delete(RowKey.of(Table.SCHEDULES, "s"));
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
  }

  // ---- searches

  @Test
  void searchPromisesFiltersByStateAndPagesByIdAfterTheCursor() {
    putPromises(
        pending("p3", T0, Map.of()),
        settled("p1", PromiseState.RESOLVED, T0, Map.of()),
        pending("p2", T0, Map.of()),
        settled("p4", PromiseState.REJECTED_TIMEDOUT, T0, Map.of()),
        pending("p5", T0, Map.of()));
    assertEquals(List.of("p1", "p2", "p3", "p4", "p5"), promiseIds(state.searchPromises(null, null, null, 10)));
    assertEquals(List.of("p1", "p2"), promiseIds(state.searchPromises(null, Map.of(), null, 2)));
    assertEquals(List.of("p3", "p4"), promiseIds(state.searchPromises(null, null, "p2", 2)));
    assertEquals(List.of("p3"), promiseIds(state.searchPromises(null, null, "p25", 1)));
    assertEquals(List.of(), promiseIds(state.searchPromises(null, null, "p5", 10)));
    assertEquals(List.of("p2", "p3", "p5"), promiseIds(state.searchPromises(PromiseState.PENDING, null, null, 10)));
    assertEquals(List.of("p5"), promiseIds(state.searchPromises(PromiseState.PENDING, null, "p3", 10)));
    assertEquals(List.of("p4"), promiseIds(state.searchPromises(PromiseState.REJECTED_TIMEDOUT, null, null, 10)));
    assertEquals(List.of(), promiseIds(state.searchPromises(PromiseState.REJECTED, null, null, 10)));
  }

  @Test
  void searchPromisesMatchesEveryFilterTagAsASubset() {
    putPromises(
        pending("a", T0, Map.of("env", "prod", "team", "x")),
        pending("b", T0, Map.of("env", "prod")),
        pending("c", T0, Map.of("env", "dev", "team", "x")),
        pending("d", T0, Map.of()),
        pending("e", T0, Map.of("env", "prod", "team", "x", "extra", "1")),
        pending("f", T0, Map.of("a.b", "1", "\"q\"", "$", "env", "prodx")));
    assertEquals(List.of("a", "b", "e"), promiseIds(state.searchPromises(null, Map.of("env", "prod"), null, 10)));
    assertEquals(
        List.of("a", "e"), promiseIds(state.searchPromises(null, Map.of("env", "prod", "team", "x"), null, 10)));
    assertEquals(List.of("e"), promiseIds(state.searchPromises(null, Map.of("env", "prod", "team", "x"), "a", 10)));
    assertEquals(List.of("a"), promiseIds(state.searchPromises(null, Map.of("env", "prod", "team", "x"), null, 1)));
    assertEquals(List.of(), promiseIds(state.searchPromises(null, Map.of("team", "y"), null, 10)));
    assertEquals(List.of(), promiseIds(state.searchPromises(null, Map.of("env", ""), null, 10)));
    assertEquals(List.of("f"), promiseIds(state.searchPromises(null, Map.of("a.b", "1", "\"q\"", "$"), null, 10)));
    assertEquals(
        List.of("a", "c", "e"),
        promiseIds(state.searchPromises(PromiseState.PENDING, Map.of("team", "x"), null, 10)));
    assertEquals(List.of(), promiseIds(state.searchPromises(PromiseState.RESOLVED, Map.of("team", "x"), null, 10)));
  }

  @Test
  void searchTasksFiltersByStateAndPagesById() {
    state.put(pendingTask("t2", T0));
    state.put(acquiredTask("t1", T0, "w"));
    state.put(pendingTask("t3", T0));
    state.put(new TaskRow("t4", TaskState.FULFILLED, 0, null, null, null));
    assertEquals(List.of("t1", "t2", "t3", "t4"), taskIds(state.searchTasks(null, null, 10)));
    assertEquals(List.of("t2", "t3"), taskIds(state.searchTasks(TaskState.PENDING, null, 10)));
    assertEquals(List.of("t3"), taskIds(state.searchTasks(TaskState.PENDING, "t2", 10)));
    assertEquals(List.of("t2"), taskIds(state.searchTasks(null, "t1", 1)));
    assertEquals(List.of(), taskIds(state.searchTasks(TaskState.HALTED, null, 10)));
  }

  @Test
  void searchSchedulesMatchesPromiseTagsAndPagesById() {
    state.put(new ScheduleRow(schedule("s2", T0, Map.of("env", "prod"))));
    state.put(new ScheduleRow(schedule("s1", T0, Map.of("env", "prod", "x", "y"))));
    state.put(new ScheduleRow(schedule("s3", T0, Map.of("env", "dev"))));
    assertEquals(List.of("s1", "s2", "s3"), scheduleIds(state.searchSchedules(null, null, 10)));
    assertEquals(List.of("s1", "s2"), scheduleIds(state.searchSchedules(Map.of("env", "prod"), null, 10)));
    assertEquals(List.of("s2"), scheduleIds(state.searchSchedules(Map.of("env", "prod"), "s1", 10)));
    assertEquals(List.of("s1"), scheduleIds(state.searchSchedules(Map.of("x", "y"), null, 10)));
    assertEquals(List.of("s1"), scheduleIds(state.searchSchedules(Map.of(), null, 1)));
  }

  @Test
  void aZeroOrNegativeLimitReturnsNothing() {
    state.put(new PromiseRow(pending("p", T0, Map.of("k", "v"))));
    state.put(pendingTask("p", T0));
    state.put(new ScheduleRow(schedule("s", T0, Map.of("k", "v"))));
    for (int limit : new int[] {0, -1}) {
      assertEquals(List.of(), state.promisesDue(T0, limit), "promisesDue " + limit);
      assertEquals(List.of(), state.tasksDue(T0, limit), "tasksDue " + limit);
      assertEquals(List.of(), state.schedulesDue(T0, limit), "schedulesDue " + limit);
      assertEquals(List.of(), state.searchPromises(null, null, null, limit), "searchPromises " + limit);
      assertEquals(List.of(), state.searchPromises(null, Map.of("k", "v"), null, limit), "tag search " + limit);
      assertEquals(List.of(), state.searchTasks(null, null, limit), "searchTasks " + limit);
      assertEquals(List.of(), state.searchSchedules(null, null, limit), "searchSchedules " + limit);
    }
  }

  @Test
  void idsCompareAsUtf8BytesNotUtf16Units() {
    // UTF-16 order would put the astral "😀" (a surrogate pair) before U+FFFD; byte order puts it after.
    List<String> inByteOrder = List.of("B", "a", "ab", "b", "é", "\uFFFD", "😀");
    List<String> shuffled = new ArrayList<>(inByteOrder);
    java.util.Collections.reverse(shuffled);
    for (String id : shuffled) {
      state.put(new PromiseRow(pending(id, T0, Map.of("resonate:branch", "br"))));
      state.put(pendingTask(id, T0));
      state.put(new CallbackRow("x", id, false));
    }
    assertEquals(inByteOrder, promiseIds(state.searchPromises(null, null, null, 100)));
    assertEquals(inByteOrder, promiseIds(state.promisesByBranch("br")));
    assertEquals(inByteOrder, promiseIds(state.promisesDue(T0, 100)));
    assertEquals(inByteOrder, taskIds(state.tasksDue(T0, 100)));
    assertEquals(List.of("😀"), promiseIds(state.searchPromises(null, null, "\uFFFD", 100)));
    assertEquals(
        inByteOrder,
        state.callbacksOnAwaited("x").stream().map(CallbackRow::awaiter).collect(Collectors.toList()));
  }

  // ---- whole-table reads, reset and the change record

  @Test
  void rowsListEveryTableByKey() {
    state.put(new PromiseRow(pending("p2", T0, Map.of())));
    state.put(new PromiseRow(pending("p1", T0, Map.of())));
    state.put(pendingTask("p2", T0));
    state.put(pendingTask("p1", T0));
    state.put(new CallbackRow("b", "a", false));
    state.put(new CallbackRow("a", "b", false));
    state.put(new CallbackRow("a", "a", true));
    state.put(new ListenerRow("p2", "x"));
    state.put(new ListenerRow("p1", "y"));
    state.put(new ListenerRow("p1", "x"));
    state.put(new ScheduleRow(schedule("s2", T0, Map.of())));
    state.put(new ScheduleRow(schedule("s1", T0, Map.of())));
    state.put(new ExecuteRow("p2", 0, "x"));
    state.put(new ExecuteRow("p1", 0, "x"));
    state.put(new UnblockRow("p2", "a"));
    state.put(new UnblockRow("p1", "b"));
    state.put(new UnblockRow("p1", "a"));

    assertEquals(
        List.of("p1", "p2"),
        state.rows(Table.PROMISES).stream().map(r -> ((PromiseRow) r).id()).collect(Collectors.toList()));
    assertEquals(List.of(pendingTask("p1", T0), pendingTask("p2", T0)), state.rows(Table.TASKS));
    assertEquals(
        List.<Row>of(
            new CallbackRow("a", "a", true), new CallbackRow("a", "b", false), new CallbackRow("b", "a", false)),
        state.rows(Table.CALLBACKS));
    assertEquals(
        List.<Row>of(new ListenerRow("p1", "x"), new ListenerRow("p1", "y"), new ListenerRow("p2", "x")),
        state.rows(Table.LISTENERS));
    assertEquals(
        List.of("s1", "s2"),
        state.rows(Table.SCHEDULES).stream().map(r -> ((ScheduleRow) r).id()).collect(Collectors.toList()));
    assertEquals(
        List.<Row>of(new ExecuteRow("p1", 0, "x"), new ExecuteRow("p2", 0, "x")), state.rows(Table.OUTBOX_EXECUTE));
    assertEquals(
        List.<Row>of(new UnblockRow("p1", "a"), new UnblockRow("p1", "b"), new UnblockRow("p2", "a")),
        state.rows(Table.OUTBOX_UNBLOCK));
  }

  @Test
  void changesRecordTheFinalRowPerKeyInFirstTouchOrder() {
    state.changes().clear();
    PromiseRecord p = pending("p", T0, Map.of());
    state.put(new PromiseRow(p));
    state.put(pendingTask("p", T0 + 1));
    state.put(new ExecuteRow("p", 0, "a"));
    state.put(acquiredTask("p", T0 + 2, "w"));
    state.delete(RowKey.of(Table.OUTBOX_EXECUTE, "p"));

    Map<RowKey, Row> changes = state.changes().changes();
    assertEquals(
        List.of(RowKey.of(Table.PROMISES, "p"), RowKey.of(Table.TASKS, "p"), RowKey.of(Table.OUTBOX_EXECUTE, "p")),
        new ArrayList<>(changes.keySet()));
    assertEquals(new PromiseRow(p), changes.get(RowKey.of(Table.PROMISES, "p")));
    assertEquals(acquiredTask("p", T0 + 2, "w"), changes.get(RowKey.of(Table.TASKS, "p")));
    assertTrue(changes.containsKey(RowKey.of(Table.OUTBOX_EXECUTE, "p")));
    assertNull(changes.get(RowKey.of(Table.OUTBOX_EXECUTE, "p")));
    assertFalse(state.changes().reset());

    state.changes().clear();
    state.delete(RowKey.of(Table.PROMISES, "missing"));
    state.delete(RowKey.of(Table.CALLBACKS, "p", "missing"));
    assertTrue(state.changes().isEmpty(), "deleting a missing row changes nothing");
    assertTrue(state.changes().isEmpty());
    state.put(new ListenerRow("p", "a"));
    assertEquals(List.of(RowKey.of(Table.LISTENERS, "p", "a")), new ArrayList<>(state.changes().changes().keySet()));
  }

  @Test
  void readsSeeEarlierWritesOfTheSameUnitOfWork() {
    state.changes().clear();
    state.put(new PromiseRow(pending("p", T0 + 10, Map.of("resonate:branch", "p"))));
    assertEquals(List.of("p"), promiseIds(state.promisesDue(T0 + 10, 10)));
    assertEquals(List.of("p"), promiseIds(state.promisesByBranch("p")));
    state.put(new PromiseRow(settled("p", PromiseState.RESOLVED, T0 + 10, Map.of("resonate:branch", "p"))));
    assertEquals(List.of(), promiseIds(state.promisesDue(T0 + 10, 10)));
    assertEquals(PromiseState.RESOLVED, state.searchPromises(null, Map.of("resonate:branch", "p"), null, 1)
        .get(0).state());
  }

  @Test
  void resetEmptiesEveryTableAndIsRecorded() {
    state.put(new PromiseRow(pending("p", T0, Map.of())));
    state.put(pendingTask("p", T0));
    state.put(new CallbackRow("p", "q", false));
    state.put(new ListenerRow("p", "a"));
    state.put(new ScheduleRow(schedule("s", T0, Map.of())));
    state.put(new ExecuteRow("p", 0, "a"));
    state.put(new UnblockRow("p", "a"));
    state.changes().clear();

    state.reset();
    for (Table table : Table.values()) {
      assertEquals(List.of(), state.rows(table), table.name());
    }
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
    assertTrue(state.changes().reset());
    assertTrue(state.changes().changes().isEmpty());

    state.put(new PromiseRow(pending("n", T0, Map.of())));
    assertTrue(state.changes().reset());
    assertEquals(Arrays.asList(RowKey.of(Table.PROMISES, "n")), new ArrayList<>(state.changes().changes().keySet()));
    assertEquals(1, state.rows(Table.PROMISES).size());
  }
}
