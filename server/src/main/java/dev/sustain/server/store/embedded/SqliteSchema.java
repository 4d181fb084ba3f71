package dev.sustain.server.store.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded store's tables and indexes, created and migrated at open. Migration {@code n} brings a file from
 * {@code PRAGMA user_version = n - 1} to {@code n} in one transaction, so a crash mid-migration leaves the file at
 * the previous version and the next open simply retries it. Stateless.
 *
 * <p>Foreign keys are deliberately absent: the engine keeps the tables consistent and {@code MemoryState} (the
 * oracle) enforces nothing, so a constraint here could only make the two implementations disagree.
 */
final class SqliteSchema {
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              // Absent headers/data are NULL so Value round-trips exactly (absent vs {} vs "").
              "CREATE TABLE IF NOT EXISTS promises ("
                  + " id TEXT NOT NULL PRIMARY KEY,"
                  + " state TEXT NOT NULL,"
                  + " param_headers TEXT, param_data TEXT,"
                  + " value_headers TEXT, value_data TEXT,"
                  + " tags TEXT NOT NULL,"
                  // Copy of tags['resonate:branch'], kept by the writer, for the preload index.
                  + " branch TEXT,"
                  + " timeout_at INTEGER NOT NULL,"
                  + " created_at INTEGER NOT NULL,"
                  + " settled_at INTEGER"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS promises_pending_timeout ON promises (timeout_at, id)"
                  + " WHERE state = 'pending'",
              "CREATE INDEX IF NOT EXISTS promises_branch ON promises (branch, id) WHERE branch IS NOT NULL",
              "CREATE INDEX IF NOT EXISTS promises_state ON promises (state, id)",
              "CREATE TABLE IF NOT EXISTS tasks ("
                  + " id TEXT NOT NULL PRIMARY KEY,"
                  + " state TEXT NOT NULL,"
                  + " version INTEGER NOT NULL,"
                  + " timer_at INTEGER, pid TEXT, ttl INTEGER"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS tasks_timer ON tasks (timer_at, id) WHERE timer_at IS NOT NULL",
              "CREATE INDEX IF NOT EXISTS tasks_pid ON tasks (pid, id) WHERE pid IS NOT NULL",
              "CREATE INDEX IF NOT EXISTS tasks_state ON tasks (state, id)",
              "CREATE TABLE IF NOT EXISTS callbacks ("
                  + " awaited TEXT NOT NULL, awaiter TEXT NOT NULL, ready INTEGER NOT NULL,"
                  + " PRIMARY KEY (awaited, awaiter)"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS callbacks_awaiter ON callbacks (awaiter, awaited)",
              "CREATE TABLE IF NOT EXISTS listeners ("
                  + " promise_id TEXT NOT NULL, address TEXT NOT NULL,"
                  + " PRIMARY KEY (promise_id, address)"
                  + ") WITHOUT ROWID",
              "CREATE TABLE IF NOT EXISTS schedules ("
                  + " id TEXT NOT NULL PRIMARY KEY,"
                  + " cron TEXT NOT NULL,"
                  + " promise_id TEXT NOT NULL,"
                  + " promise_timeout INTEGER NOT NULL,"
                  + " param_headers TEXT, param_data TEXT,"
                  + " promise_tags TEXT NOT NULL,"
                  + " created_at INTEGER NOT NULL,"
                  + " next_run_at INTEGER NOT NULL,"
                  + " last_run_at INTEGER"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS schedules_next_run ON schedules (next_run_at, id)",
              // seq orders the outbox oldest first across both tables; a replaced message counts as new.
              "CREATE TABLE IF NOT EXISTS outbox_execute ("
                  + " task_id TEXT NOT NULL PRIMARY KEY,"
                  + " version INTEGER NOT NULL, address TEXT NOT NULL, seq INTEGER NOT NULL"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS outbox_execute_seq ON outbox_execute (seq)",
              "CREATE TABLE IF NOT EXISTS outbox_unblock ("
                  + " promise_id TEXT NOT NULL, address TEXT NOT NULL, seq INTEGER NOT NULL,"
                  + " PRIMARY KEY (promise_id, address)"
                  + ") WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS outbox_unblock_seq ON outbox_unblock (seq)"));

  private SqliteSchema() {}

  /** The schema version this code writes. */
  static int latestVersion() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the database to {@link #latestVersion()}. Expects auto-commit mode. Refuses a file written by a newer
   * version, whose layout this code cannot know.
   */
  static void migrate(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      int current = userVersion(st);
      if (current > latestVersion()) {
        throw new SQLException(
            "database schema version " + current + " is newer than this server's " + latestVersion());
      }
      for (int version = current + 1; version <= latestVersion(); version++) {
        st.execute("BEGIN IMMEDIATE");
        try {
          // Re-read under the write lock: another process may have migrated since we looked.
          if (userVersion(st) >= version) {
            st.execute("ROLLBACK");
            continue;
          }
          for (String sql : MIGRATIONS.get(version - 1)) {
            st.execute(sql);
          }
          st.execute("PRAGMA user_version = " + version);
          st.execute("COMMIT");
        } catch (SQLException e) {
          rollbackQuietly(st, e);
          throw e;
        }
      }
    }
  }

  static int userVersion(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void rollbackQuietly(Statement st, SQLException failure) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
