package dev.sustain.server.core.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The net row changes of one or more applied requests, in first-touch order: for each key, the final row, or
 * {@code null} for a delete. {@link #reset()} means every table was emptied before the listed changes
 * ({@code debug.reset}). A store persists a change set in one transaction.
 *
 * <p>Not thread-safe: confined to the thread applying requests.
 */
public final class ChangeSet {
  private final LinkedHashMap<RowKey, Row> changes = new LinkedHashMap<>();
  private boolean reset;

  public void put(Row row) {
    changes.put(row.key(), row);
  }

  public void delete(RowKey key) {
    changes.put(key, null);
  }

  /** Empties every table; earlier changes are dropped because the reset supersedes them. */
  public void markReset() {
    changes.clear();
    reset = true;
  }

  public boolean reset() {
    return reset;
  }

  /** Final row per key; a {@code null} value is a delete. */
  public Map<RowKey, Row> changes() {
    return Collections.unmodifiableMap(changes);
  }

  public boolean isEmpty() {
    return !reset && changes.isEmpty();
  }

  /** Folds {@code later} into this set, as if its changes had been recorded here after ours. */
  public void merge(ChangeSet later) {
    if (later.reset) {
      markReset();
    }
    changes.putAll(later.changes);
  }

  public void clear() {
    changes.clear();
    reset = false;
  }
}
