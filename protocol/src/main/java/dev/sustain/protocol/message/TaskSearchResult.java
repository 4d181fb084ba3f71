package dev.sustain.protocol.message;

import dev.sustain.protocol.model.TaskRecord;
import java.util.List;

/** 200 {@code data} of {@code task.search}; {@code cursor} is {@code null} (omitted) when no more records. */
public record TaskSearchResult(List<TaskRecord> tasks, String cursor) implements ResponseData {
  public TaskSearchResult {
    tasks = List.copyOf(tasks);
  }
}
