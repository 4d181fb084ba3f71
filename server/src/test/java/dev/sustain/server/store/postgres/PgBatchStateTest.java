package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.store.postgres.PgNeeds.Index;
import dev.sustain.server.store.postgres.PgNeeds.IndexKey;
import dev.sustain.server.store.postgres.PgNeeds.Range;
import dev.sustain.server.store.postgres.PgNeeds.RangeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batch state's contract without a database: it answers only what was loaded, asks for the rest (throwing in
 * strict mode, recording in probe mode), layers writes over loaded rows, accepts writes only to keys read under a
 * lock or read as absent, and cuts range answers where the database's answer stopped.
 */
class PgBatchStateTest {

  private static PromiseRow pending(String id, long timeoutAt) {
    return new PromiseRow(new PromiseRecord(id, PromiseState.PENDING, Value.EMPTY, Value.EMPTY, Map.of(), timeoutAt,
        0, null));
  }

  @Test
  void anUnloadedKeyIsAskedForAndThenAnswered() {
    PgBatchState state = new PgBatchState();
    state.beginRequest(false);
    assertSame(PgBatchState.MISSING, assertThrows(RuntimeException.class, () -> state.promise("a")));
    assertTrue(state.needs().keys.contains(RowKey.of(Table.PROMISES, "a")));

    state.needs().clear();
    state.loadedKey(RowKey.of(Table.PROMISES, "a"), pending("a", 10));
    state.loadedKey(RowKey.of(Table.PROMISES, "b"), null);
    assertEquals(10, state.promise("a").orElseThrow().timeoutAt());
    assertTrue(state.promise("b").isEmpty());
    assertTrue(state.needs().isEmpty());
  }

  @Test
  void aProbeRecordsEveryNeedAndCarriesOn() {
    PgBatchState state = new PgBatchState();
    state.beginRequest(true);
    assertTrue(state.promise("a").isEmpty());
    assertTrue(state.callbacksOnAwaited("a").isEmpty());
    assertTrue(state.task("a").isEmpty());
    assertTrue(state.needs().keys.contains(RowKey.of(Table.TASKS, "a")));
    assertTrue(state.needs().indexes.contains(new IndexKey(Index.CALLBACKS_BY_AWAITED, "a")));
  }

  @Test
  void writesLayerOverLoadedRowsAndLaterRequestsSeeThem() {
    PgBatchState state = new PgBatchState();
    state.loadedKey(RowKey.of(Table.PROMISES, "a"), pending("a", 10));
    state.loadedKey(RowKey.of(Table.PROMISES, "b"), null);
    state.beginRequest(false);
    state.put(pending("b", 20));
    state.delete(RowKey.of(Table.PROMISES, "a"));
    state.keepRequest();

    state.beginRequest(false);
    assertTrue(state.promise("a").isEmpty());
    assertEquals(20, state.promise("b").orElseThrow().timeoutAt());
    assertTrue(state.storedInBase(RowKey.of(Table.PROMISES, "a")), "a is deleted by UPDATE-side SQL");
    assertTrue(state.knownAbsent(RowKey.of(Table.PROMISES, "b")), "b is written with a plain INSERT");

    state.loadedKey(RowKey.of(Table.PROMISES, "c"), null);
    state.put(pending("c", 30));
    state.dropRequest();
    state.beginRequest(true);
    assertTrue(state.promise("c").isEmpty(), "a dropped request leaves nothing behind");
  }

  @Test
  void onlyLockedOrAbsentKeysMayBeWritten() {
    PgBatchState state = new PgBatchState();
    // Read without a lock (as a branch lookup reads it): readable, not writable until locked.
    state.loadedIndex(new IndexKey(Index.PROMISES_BY_BRANCH, "x"), List.of(pending("a", 10)), false);
    state.beginRequest(false);
    assertEquals(10, state.promise("a").orElseThrow().timeoutAt());
    assertThrows(RuntimeException.class, () -> state.put(pending("a", 11)));
    assertTrue(state.needs().keys.contains(RowKey.of(Table.PROMISES, "a")));

    state.needs().clear();
    state.loadedKey(RowKey.of(Table.PROMISES, "a"), pending("a", 10));
    state.beginRequest(false);
    state.put(pending("a", 11));
    assertEquals(11, state.promise("a").orElseThrow().timeoutAt());
  }

  @Test
  void aCompleteIndexProvesAbsenceAndLocksItsPromise() {
    PgBatchState state = new PgBatchState();
    state.beginRequest(false);
    assertThrows(RuntimeException.class, () -> state.callbacksOfAwaiter("t"));
    assertTrue(state.needs().keys.contains(RowKey.of(Table.PROMISES, "t")), "the awaiter's promise is locked too");

    state.loadedIndex(
        new IndexKey(Index.CALLBACKS_BY_AWAITER, "t"), List.of(new CallbackRow("p", "t", false)), true);
    state.beginRequest(false);
    assertEquals(1, state.callbacksOfAwaiter("t").size());
    assertTrue(state.callback("q", "t").isEmpty(), "no other callback of t exists");
    assertTrue(state.knownAbsent(RowKey.of(Table.CALLBACKS, "q", "t")));
    state.put(new CallbackRow("q", "t", false));
    assertEquals(2, state.callbacksOfAwaiter("t").size());
  }

  @Test
  void aRangeIsCutWhereTheDatabaseStoppedAndRefetchedWhenTooShort() {
    PgBatchState state = new PgBatchState();
    RangeKey due = RangeKey.due(Range.PROMISES_DUE, 100);
    // The database returned exactly the 2 rows asked for: beyond "b" it may hold more.
    List<Row> rows = new ArrayList<>(List.of(pending("a", 1), pending("b", 2)));
    for (Row r : rows) {
      state.loadedKey(r.key(), r);
    }
    state.loadedRange(due, 2, rows, true);
    state.beginRequest(false);
    assertEquals(List.of("a", "b"), state.promisesDue(100, 2).stream().map(PromiseRecord::id).toList());

    // A row written by the batch that sorts after the cut must not be answered ahead of unseen database rows.
    state.loadedKey(RowKey.of(Table.PROMISES, "z"), null);
    state.put(pending("z", 50));
    state.delete(RowKey.of(Table.PROMISES, "a"));
    assertThrows(RuntimeException.class, () -> state.promisesDue(100, 2));
    int refetch = state.needs().ranges.get(due);
    assertTrue(refetch > 2, "asks for more rows than before: " + refetch);

    state.needs().clear();
    state.loadedRange(due, refetch, List.of(pending("a", 1), pending("b", 2), pending("c", 3)), true);
    state.beginRequest(false);
    state.put(pending("z", 50));
    state.delete(RowKey.of(Table.PROMISES, "a"));
    assertEquals(List.of("b", "c"), state.promisesDue(100, 2).stream().map(PromiseRecord::id).toList());
    assertEquals(List.of("b", "c", "z"), state.promisesDue(100, 5).stream().map(PromiseRecord::id).toList());
    assertFalse(state.needs().ranges.containsKey(due));
  }
}
