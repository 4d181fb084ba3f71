package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import java.util.List;

/** {@code task.heartbeat}: renew the leases {@code pid} holds on the listed tasks (all of them if empty). */
public record TaskHeartbeat(String pid, List<TaskRef> tasks) implements RequestData {
  public TaskHeartbeat {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  @Override
  public Kind kind() {
    return Kind.TASK_HEARTBEAT;
  }
}
