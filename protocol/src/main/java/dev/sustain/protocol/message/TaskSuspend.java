package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Action;
import java.util.List;

/** {@code task.suspend}: wait until one of the awaited promises settles. */
public record TaskSuspend(String id, long version, List<Action<PromiseRegisterCallback>> actions)
    implements RequestData {
  public TaskSuspend {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  @Override
  public Kind kind() {
    return Kind.TASK_SUSPEND;
  }
}
