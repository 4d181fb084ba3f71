package dev.sustain.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFenceResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.MemoryState;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's contract with its callers: what it writes, what it records, what it refuses. */
class EngineTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final String TARGET = "poll://any@default";

  private final Engine engine = new Engine(EngineConfig.DEFAULTS);
  private final MemoryState state = new MemoryState();

  @Test
  void aTargetedCreateRecordsThePromiseItsTaskAndTheExecuteInOneChangeSet() {
    Outcome outcome =
        engine.apply(state, "c1", new PromiseCreate("p", T0 + 1000, null, Map.of(Tags.TARGET, TARGET)), T0);

    assertEquals(200, outcome.status());
    PromiseCreateResult result = (PromiseCreateResult) outcome.data();
    assertEquals(PromiseState.PENDING, result.promise().state());
    assertEquals(
        List.of(RowKey.of(Table.PROMISES, "p"), RowKey.of(Table.TASKS, "p"), RowKey.of(Table.OUTBOX_EXECUTE, "p")),
        List.copyOf(state.changes().changes().keySet()));
    assertEquals(new TaskRow("p", TaskState.PENDING, 0, T0 + 30_000, null, null), state.task("p").orElseThrow());
    assertEquals(new ExecuteRow("p", 0, TARGET), state.execute("p").orElseThrow());
    assertEquals(T0 + 1000, state.nextDeadline());
  }

  @Test
  void theRetryIntervalComesFromTheConfig() {
    Engine fast = new Engine(new EngineConfig(5, false));
    fast.apply(state, "c", new PromiseCreate("p", T0 + 1000, null, Map.of(Tags.TARGET, TARGET)), T0);
    assertEquals(T0 + 5, state.task("p").orElseThrow().timerAt());
  }

  @Test
  void aPassTimesOutDuePromisesAndChangesNothingWhenNothingIsDue() {
    engine.apply(state, "c", new PromiseCreate("p", T0 + 1000, null, Map.of()), T0);
    state.changes().clear();
    engine.tick(state, T0 + 999);
    assertTrue(state.changes().isEmpty());
    engine.tick(state, T0 + 1000);
    assertEquals(PromiseState.REJECTED_TIMEDOUT, state.promise("p").orElseThrow().state());
    assertEquals(T0 + 1000, state.promise("p").orElseThrow().settledAt());
    assertEquals(List.of(RowKey.of(Table.PROMISES, "p")), List.copyOf(state.changes().changes().keySet()));
  }

  @Test
  void theFencedActionEchoesTheOuterCorrIdAndItsOwnKind() {
    engine.apply(state, "c", new PromiseCreate("t", T0 + 10_000, null, Map.of(Tags.TARGET, TARGET)), T0);
    engine.apply(state, "c", new TaskAcquire("t", 0, "w", 5000), T0);
    PromiseSettle settle = new PromiseSettle("missing", SettleState.RESOLVED, Value.EMPTY);
    Outcome outcome =
        engine.apply(
            state, "outer", new TaskFence("t", 1, Action.of(settle, RequestHead.of("inner", "v"))), T0 + 1);
    TaskFenceResult result = (TaskFenceResult) outcome.data();
    assertEquals("outer", result.action().head().corrId());
    assertEquals(404, result.action().status());
    assertEquals("promise.settle", result.action().kind());
    assertNull(state.promise("missing").orElse(null));
  }

  @Test
  void debugStartAndStopAreNotStateTransitions() {
    assertThrows(IllegalArgumentException.class, () -> engine.apply(state, "c", new DebugStart(), T0));
    assertTrue(state.changes().isEmpty());
  }

  @Test
  void aHugeTtlSaturatesInsteadOfWrappingIntoThePast() {
    state.put(new PromiseRow(new PromiseRecord(
        "p", PromiseState.PENDING, null, null, Map.of(Tags.TARGET, TARGET), Long.MAX_VALUE, T0, null)));
    state.put(new TaskRow("p", TaskState.PENDING, 0, T0, null, null));
    engine.apply(state, "c", new TaskAcquire("p", 0, "w", Long.MAX_VALUE), T0);
    assertEquals(Long.MAX_VALUE, state.task("p").orElseThrow().timerAt());
  }
}
