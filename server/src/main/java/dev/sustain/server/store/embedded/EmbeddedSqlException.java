package dev.sustain.server.store.embedded;

import java.sql.SQLException;

/**
 * A JDBC failure inside the embedded store, unchecked so it can cross the {@code State} interface. Carries the
 * SQLite primary result code so the store can tell a retriable condition (disk full, I/O error, busy) from a bug.
 */
public final class EmbeddedSqlException extends RuntimeException {
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  EmbeddedSqlException(String what, SQLException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }

  /** The SQLite primary result code (extended codes carry it in their low byte). */
  public int resultCode() {
    return ((SQLException) getCause()).getErrorCode() & 0xff;
  }

  /** True when the database, not the request, is at fault: the client may retry later (503). */
  public boolean retriable() {
    return isRetriable((SQLException) getCause());
  }

  static boolean isRetriable(SQLException e) {
    switch (e.getErrorCode() & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_NOMEM:
      case SQLITE_READONLY:
      case SQLITE_IOERR:
      case SQLITE_CORRUPT:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_NOTADB:
        return true;
      default:
        return false;
    }
  }
}
