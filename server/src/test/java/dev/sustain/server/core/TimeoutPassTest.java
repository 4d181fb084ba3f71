package dev.sustain.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.MemoryState;
import dev.sustain.server.core.state.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background pass and the cascade rules that only show with several due items or dead awaiters. */
class TimeoutPassTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final Map<String, String> TARGETED = Map.of(Tags.TARGET, "poll://any@default");
  private static final RequestHead HEAD = RequestHead.of("inner", "2026-04-01");

  private final Engine engine = new Engine(EngineConfig.DEFAULTS);
  private final MemoryState state = new MemoryState();

  private Outcome apply(RequestData data, long now) {
    return engine.apply(state, "c", data, now);
  }

  private void suspendedOn(String task, String awaited, long taskTimeout, long now) {
    apply(new TaskCreate("w", 60_000, Action.of(new PromiseCreate(task, taskTimeout, null, TARGETED), HEAD)), now);
    apply(new TaskSuspend(task, 1, List.of(Action.of(new PromiseRegisterCallback(awaited, task), HEAD))), now);
    assertEquals(TaskState.SUSPENDED, state.task(task).orElseThrow().state());
  }

  @Test
  void aPassHandlesAtMostOneBatchOfPromisesAndLeavesTheRestDue() {
    int total = TimeoutPass.PROMISE_BATCH + 5;
    for (int i = 0; i < total; i++) {
      apply(new PromiseCreate(String.format("p%05d", i), T0 + 10, null, null), T0);
    }
    engine.tick(state, T0 + 10);
    assertEquals(5, state.promisesDue(T0 + 10, total).size());
    assertEquals(T0 + 10, state.nextDeadline(), "the leftover is still due, so the timer loop runs again at once");
    engine.tick(state, T0 + 10);
    assertEquals(0, state.promisesDue(T0 + 10, total).size());
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
  }

  @Test
  void aSettlementDoesNotResumeAnAwaiterAlreadyPastItsOwnDeadline() {
    apply(new PromiseCreate("q", T0 + 60_000, null, null), T0);
    suspendedOn("t", "q", T0 + 1_000, T0);
    apply(new PromiseSettle("q", SettleState.RESOLVED, null), T0 + 2_000);

    assertEquals(TaskState.SUSPENDED, state.task("t").orElseThrow().state());
    assertEquals(new CallbackRow("q", "t", true), state.callback("q", "t").orElseThrow());
    assertTrue(state.execute("t").isEmpty(), "a dead awaiter gets no execute (D12)");

    engine.tick(state, T0 + 2_000);
    assertEquals(TaskState.FULFILLED, state.task("t").orElseThrow().state());
    assertEquals(PromiseState.REJECTED_TIMEDOUT, state.promise("t").orElseThrow().state());
    assertEquals(List.of(), state.rows(Table.CALLBACKS), "fulfilment removes the awaiter's callbacks");
  }

  @Test
  void anAwaiterWhoseAwaitedTimesOutFirstIsResumedInALaterPass() {
    apply(new PromiseCreate("q", T0 + 1_000, null, null), T0);
    suspendedOn("t", "q", T0 + 60_000, T0);
    engine.tick(state, T0 + 1_000);
    assertEquals(TaskState.PENDING, state.task("t").orElseThrow().state());
    assertEquals(T0 + 1_000 + EngineConfig.DEFAULT_RETRY_TIMEOUT, state.task("t").orElseThrow().timerAt());
    assertEquals(1, state.execute("t").orElseThrow().version());
  }

  @Test
  void aLateSchedulePassFiresEveryMissedOccurrenceInOrder() {
    apply(new ScheduleCreate("s", "* * * * *", "{{.id}}-{{.timestamp}}", 600_000, null, TARGETED), T0 + 1);
    engine.tick(state, T0 + 5 * 60_000);
    for (int minute = 1; minute <= 5; minute++) {
      long t = T0 + minute * 60_000L;
      assertEquals(t, state.promise("s-" + t).orElseThrow().createdAt());
    }
    assertEquals(T0 + 6 * 60_000, state.schedule("s").orElseThrow().nextRunAt());
    assertEquals(T0 + 5 * 60_000, state.schedule("s").orElseThrow().lastRunAt());
  }

  @Test
  void occurrencesPastTheirTimeoutAreBornExpiredAndAnExistingIdIsAdopted() {
    apply(new PromiseCreate("s-" + (T0 + 60_000), T0 + 999_999, null, Map.of("mine", "yes")), T0);
    apply(new ScheduleCreate("s", "* * * * *", "{{.id}}-{{.timestamp}}", 30_000, null, TARGETED), T0 + 1);
    engine.tick(state, T0 + 3 * 60_000);
    assertEquals(Map.of("mine", "yes"), state.promise("s-" + (T0 + 60_000)).orElseThrow().tags());
    assertEquals(PromiseState.REJECTED_TIMEDOUT, state.promise("s-" + (T0 + 120_000)).orElseThrow().state());
    assertEquals(TaskState.FULFILLED, state.task("s-" + (T0 + 120_000)).orElseThrow().state());
    assertEquals(PromiseState.PENDING, state.promise("s-" + (T0 + 180_000)).orElseThrow().state());
  }

  @Test
  void scheduleCatchUpIsBoundedPerPass() {
    apply(new ScheduleCreate("s", "* * * * * *", "{{.id}}-{{.timestamp}}", 1, null, TARGETED), T0);
    long farLater = T0 + (TimeoutPass.OCCURRENCE_BUDGET + 10) * 1000L;
    engine.tick(state, farLater);
    assertEquals(T0 + (TimeoutPass.OCCURRENCE_BUDGET + 1) * 1000L, state.schedule("s").orElseThrow().nextRunAt());
    assertEquals(TimeoutPass.OCCURRENCE_BUDGET, state.rows(Table.PROMISES).size());
    engine.tick(state, farLater);
    assertEquals(TimeoutPass.OCCURRENCE_BUDGET + 10, state.rows(Table.PROMISES).size());
    assertEquals(farLater + 1000, state.schedule("s").orElseThrow().nextRunAt());
  }
}
