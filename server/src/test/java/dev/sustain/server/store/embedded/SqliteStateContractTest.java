package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.State;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.UnblockRow;
import dev.sustain.server.store.StateContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StateContract} against {@link SqliteState} on a private in-memory database per test. */
class SqliteStateContractTest extends StateContract {
  private Connection connection;

  @Override
  protected State newState() throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    SqliteSchema.migrate(connection);
    return new SqliteState(connection);
  }

  @Override
  protected void closeState(State state) throws Exception {
    ((SqliteState) state).closeStatements();
    connection.close();
  }

  @Test
  void outboxListsMessagesOldestFirstAndAReplacedExecuteCountsAsNew() {
    SqliteState sqlite = (SqliteState) state;
    sqlite.put(new ExecuteRow("t1", 0, "a"));
    sqlite.put(new UnblockRow("p", "x"));
    sqlite.put(new ExecuteRow("t2", 0, "a"));
    sqlite.put(new ExecuteRow("t1", 1, "b"));
    assertEquals(
        List.<Row>of(new UnblockRow("p", "x"), new ExecuteRow("t2", 0, "a"), new ExecuteRow("t1", 1, "b")),
        sqlite.outbox(10));
    assertEquals(List.<Row>of(new UnblockRow("p", "x")), sqlite.outbox(1));
  }

  @Test
  void stringsWithUnpairedSurrogatesAreRefusedRatherThanMangled() {
    SqliteState sqlite = (SqliteState) state;
    sqlite.put(new PromiseRow(pending("a?", T0, Map.of())));
    sqlite.changes().clear();
    for (String bad : List.of("a\uD800", "a\uDC00", "\uDBFF", "x\uDE00y")) {
      assertThrows(IllegalArgumentException.class, () -> sqlite.put(new PromiseRow(pending(bad, T0, Map.of()))));
      assertThrows(IllegalArgumentException.class, () -> sqlite.promise(bad), "a read must not find \"a?\"");
      assertThrows(
          IllegalArgumentException.class, () -> sqlite.put(new PromiseRow(pending("ok", T0, Map.of("k", bad)))));
    }
    assertEquals(1, sqlite.rows(Table.PROMISES).size());
    assertTrue(sqlite.changes().isEmpty(), "a refused write is not recorded");
    sqlite.put(new PromiseRow(pending("pair😀", T0, Map.of("k", "😀"))));
    assertEquals("😀", sqlite.promise("pair😀").orElseThrow().tag("k"));
  }

  @Test
  void outboxOrderSurvivesReopeningTheConnection() throws Exception {
    SqliteState sqlite = (SqliteState) state;
    sqlite.put(new ExecuteRow("t1", 0, "a"));
    sqlite.put(new UnblockRow("p", "x"));
    SqliteState again = new SqliteState(connection);
    again.put(new ExecuteRow("t0", 0, "a"));
    assertEquals(
        List.<Row>of(new ExecuteRow("t1", 0, "a"), new UnblockRow("p", "x"), new ExecuteRow("t0", 0, "a")),
        again.outbox(10));
    again.closeStatements();
  }
}
