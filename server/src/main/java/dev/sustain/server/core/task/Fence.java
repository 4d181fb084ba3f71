package dev.sustain.server.core.task;

import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.state.TaskRow;

/** The fence every holder operation passes: the task is {@code acquired} at exactly the presented version. */
final class Fence {
  private Fence() {}

  static boolean holds(TaskRow task, long version) {
    return task.state() == TaskState.ACQUIRED && task.version() == version;
  }
}
