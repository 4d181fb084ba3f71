package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.TaskRecord;
import java.util.List;
import java.util.Objects;

/** 200 {@code data} of {@code task.create}: {@code {task, promise, preload}} ({@code task} may be absent). */
public record TaskCreateResult(TaskRecord task, PromiseRecord promise, List<PromiseRecord> preload)
    implements ResponseData {
  public TaskCreateResult {
    Objects.requireNonNull(promise, "promise");
    preload = preload == null ? List.of() : List.copyOf(preload);
  }
}
