package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema creation and migration at open: versioned, repeatable, and safe after a crash mid-migration. */
class SqliteSchemaTest {
  private static final Set<String> TABLES =
      Set.of("promises", "tasks", "callbacks", "listeners", "schedules", "outbox_execute", "outbox_unblock");

  @TempDir Path dir;

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("schema.db"));
  }

  private static Set<String> names(Statement st, String type) throws Exception {
    Set<String> names = new TreeSet<>();
    try (ResultSet rs =
        st.executeQuery("SELECT name FROM sqlite_schema WHERE type = '" + type + "' AND name NOT LIKE 'sqlite_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void aNewFileGetsEveryTableAndTheLatestVersion() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      assertEquals(0, SqliteSchema.userVersion(st));
      SqliteSchema.migrate(c);
      assertEquals(SqliteSchema.latestVersion(), SqliteSchema.userVersion(st));
      assertEquals(new TreeSet<>(TABLES), names(st, "table"));
      assertTrue(names(st, "index").containsAll(
          Set.of("promises_pending_timeout", "promises_branch", "tasks_timer", "tasks_pid", "callbacks_awaiter",
              "schedules_next_run")));
    }
  }

  @Test
  void migratingAgainChangesNothing() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      SqliteSchema.migrate(c);
      st.execute("INSERT INTO listeners (promise_id, address) VALUES ('p', 'a')");
      Set<String> indexes = names(st, "index");
      SqliteSchema.migrate(c);
      assertEquals(SqliteSchema.latestVersion(), SqliteSchema.userVersion(st));
      assertEquals(indexes, names(st, "index"));
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM listeners")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void aFileLeftWithSomeObjectsButNoVersionIsCompleted() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      // As if an older build had created part of the schema without recording a version.
      st.execute("CREATE TABLE listeners (promise_id TEXT NOT NULL, address TEXT NOT NULL,"
          + " PRIMARY KEY (promise_id, address)) WITHOUT ROWID");
      SqliteSchema.migrate(c);
      assertEquals(SqliteSchema.latestVersion(), SqliteSchema.userVersion(st));
      assertEquals(new TreeSet<>(TABLES), names(st, "table"));
    }
  }
}
