package dev.sustain.server.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prepared statements of one connection, cached by their SQL text, with the binding and reading every query of
 * {@link SqliteState} shares. Failures surface as {@link EmbeddedSqlException}. Confined to the connection's
 * thread.
 */
final class SqliteStatements {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> cache = new HashMap<>();

  SqliteStatements(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  <T> Optional<T> one(String sql, Reader<T> reader, Object... args) {
    try (ResultSet rs = bind(sql, args).executeQuery()) {
      return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
    } catch (SQLException e) {
      throw new EmbeddedSqlException("query failed", e);
    }
  }

  <T> List<T> list(String sql, Reader<? extends T> reader, Object... args) {
    try (ResultSet rs = bind(sql, args).executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(reader.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new EmbeddedSqlException("query failed", e);
    }
  }

  /** The first column of the first row, which the query must produce. */
  long queryLong(String sql, Object... args) {
    try (ResultSet rs = bind(sql, args).executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new EmbeddedSqlException("query failed", e);
    }
  }

  /** Runs a write; returns the number of rows it changed. */
  int update(String sql, Object... args) {
    try {
      return bind(sql, args).executeUpdate();
    } catch (SQLException e) {
      throw new EmbeddedSqlException("write failed", e);
    }
  }

  /** Closes every cached statement; the connection stays open (its owner closes it). */
  void close() {
    for (PreparedStatement ps : cache.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // Closing a statement of a connection about to close: nothing left to protect.
      }
    }
    cache.clear();
  }

  private PreparedStatement bind(String sql, Object... args) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    }
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof String) {
        ps.setString(i + 1, wellFormed((String) a));
      } else if (a instanceof Long) {
        ps.setLong(i + 1, (Long) a);
      } else if (a instanceof Integer) {
        ps.setInt(i + 1, (Integer) a);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + a.getClass().getName());
      }
    }
    return ps;
  }

  /**
   * The driver encodes an unpaired surrogate as {@code ?}, so two ids that differ only in an unpaired surrogate
   * would share one row, and a read of one could return the other's. Such a string is refused instead.
   */
  private static String wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "unpaired surrogate at index " + i + " of a string the embedded store cannot store exactly");
      }
    }
    return s;
  }
}
