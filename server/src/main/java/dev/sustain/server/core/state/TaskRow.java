package dev.sustain.server.core.state;

import dev.sustain.protocol.model.TaskState;
import java.util.Objects;

/**
 * A task and its single timer (spec §4.5.3): {@code pending} → a retry timer at {@code timerAt};
 * {@code acquired} → a lease timer at {@code timerAt} held by {@code pid} with lease length {@code ttl};
 * other states → no timer ({@code timerAt}, {@code pid}, {@code ttl} null). The ready-callback count
 * ({@code resumes}) is derived from {@link CallbackRow}s, not stored here.
 */
public record TaskRow(String id, TaskState state, long version, Long timerAt, String pid, Long ttl)
    implements Row {
  public TaskRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public RowKey key() {
    return RowKey.of(Table.TASKS, id);
  }
}
