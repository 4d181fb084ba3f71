package dev.sustain.server.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.store.StateContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StateContract} against {@link MemoryState}, plus the index upkeep only the map layout can get wrong. */
class MemoryStateContractTest extends StateContract {
  @Override
  protected State newState() {
    return new MemoryState();
  }

  @Test
  void replacingAPendingPromiseWithAnotherDeadlineMovesItsIndexEntry() {
    state.put(new PromiseRow(pending("p", T0 + 100, Map.of())));
    state.put(new PromiseRow(pending("p", T0 + 500, Map.of())));
    assertEquals(List.of(), state.promisesDue(T0 + 499, 10));
    assertEquals(T0 + 500, state.nextDeadline());
    state.put(
        new PromiseRow(
            new PromiseRecord("p", PromiseState.RESOLVED, Value.EMPTY, Value.EMPTY, Map.of(), T0 + 500, T0, T0)));
    assertEquals(List.of(), state.promisesDue(Long.MAX_VALUE, 10));
    assertEquals(Long.MAX_VALUE, state.nextDeadline());
  }

  @Test
  void deletingACallbackRemovesItFromBothSides() {
    state.put(new CallbackRow("a", "t", false));
    state.put(new CallbackRow("b", "t", true));
    state.delete(RowKey.of(Table.CALLBACKS, "a", "t"));
    assertEquals(List.of(new CallbackRow("b", "t", true)), state.callbacksOfAwaiter("t"));
    assertEquals(List.of(), state.callbacksOnAwaited("a"));
    assertEquals(List.of(new CallbackRow("b", "t", true)), state.rows(Table.CALLBACKS));
  }

  @Test
  void tasksLeaveTheHolderIndexWhenReleasedOrDeleted() {
    state.put(acquiredTask("t1", T0, "w"));
    state.put(acquiredTask("t2", T0, "w"));
    state.put(pendingTask("t1", T0 + 1));
    state.delete(RowKey.of(Table.TASKS, "t2"));
    assertEquals(List.of(), state.tasksHeldBy("w"));
    assertEquals(List.of(pendingTask("t1", T0 + 1)), state.tasksDue(T0 + 1, 10));
  }
}
