package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.TaskRecord;
import java.util.List;
import java.util.Objects;

/** 200 {@code data} of {@code task.acquire}: {@code {task, promise, preload}}. */
public record TaskAcquireResult(TaskRecord task, PromiseRecord promise, List<PromiseRecord> preload)
    implements ResponseData {
  public TaskAcquireResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(promise, "promise");
    preload = preload == null ? List.of() : List.copyOf(preload);
  }
}
