package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.model.TaskState;

/** {@code task.search}; every field optional ({@code null} = absent). */
public record TaskSearch(TaskState state, Integer limit, String cursor) implements RequestData {
  public static final int DEFAULT_LIMIT = 100;

  @Override
  public Kind kind() {
    return Kind.TASK_SEARCH;
  }
}
