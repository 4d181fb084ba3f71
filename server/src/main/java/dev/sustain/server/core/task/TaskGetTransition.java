package dev.sustain.server.core.task;

import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;

/** {@code task.get} (spec §3.7): a task whose promise just timed out through Touch reads {@code fulfilled}. */
public final class TaskGetTransition implements Transition<TaskGet> {
  @Override
  public Outcome apply(Step step, TaskGet data) {
    step.touch(data.id());
    return step.state()
        .task(data.id())
        .map(t -> Outcome.ok(new TaskGetResult(step.tasks().record(t))))
        .orElseGet(() -> Outcome.error(404, "Task not found"));
  }
}
