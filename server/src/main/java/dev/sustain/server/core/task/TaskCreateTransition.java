package dev.sustain.server.core.task;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.PromiseCreation;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.List;
import java.util.Optional;

/**
 * {@code task.create} (spec §3.8): creates a targeted promise with its task already acquired by the caller (no
 * execute), or acquires an existing pending task. A fulfilled task answers with {@code preload: []} (D14).
 */
public final class TaskCreateTransition implements Transition<TaskCreate> {
  @Override
  public Outcome apply(Step step, TaskCreate data) {
    PromiseCreate create = data.action().data();
    step.touch(create.id());
    Optional<PromiseRecord> existing = step.state().promise(create.id());
    if (existing.isEmpty()) {
      PromiseRecord promise =
          step.creation()
              .insert(
                  create.id(),
                  create.timeoutAt(),
                  create.param(),
                  create.tags(),
                  step.now(),
                  new PromiseCreation.Claim(data.pid(), data.ttl()));
      TaskRow task = step.state().task(create.id()).orElseThrow();
      List<PromiseRecord> preload = task.state() == TaskState.ACQUIRED ? step.preload(promise) : List.of();
      return Outcome.ok(new TaskCreateResult(step.tasks().record(task), promise, preload));
    }
    Optional<TaskRow> task = step.state().task(create.id());
    if (task.isEmpty()) {
      return Outcome.error(422, "The promise does not have a resonate:target tag");
    }
    return switch (task.get().state()) {
      case PENDING -> {
        TaskRow acquired = step.tasks().acquire(task.get(), data.pid(), data.ttl());
        yield Outcome.ok(
            new TaskCreateResult(step.tasks().record(acquired), existing.get(), step.preload(existing.get())));
      }
      case FULFILLED -> Outcome.ok(new TaskCreateResult(step.tasks().record(task.get()), existing.get(), List.of()));
      case ACQUIRED, SUSPENDED, HALTED -> Outcome.error(409, "Already exists");
    };
  }
}
