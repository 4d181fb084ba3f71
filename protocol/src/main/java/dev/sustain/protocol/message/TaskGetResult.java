package dev.sustain.protocol.message;

import dev.sustain.protocol.model.TaskRecord;
import java.util.Objects;

/** 200 {@code data} of {@code task.get}: {@code {task}}. */
public record TaskGetResult(TaskRecord task) implements ResponseData {
  public TaskGetResult {
    Objects.requireNonNull(task, "task");
  }
}
