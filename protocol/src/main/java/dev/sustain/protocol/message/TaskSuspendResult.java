package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import java.util.List;

/** 300 {@code data} of {@code task.suspend}: {@code {preload}} (do not suspend, continue). */
public record TaskSuspendResult(List<PromiseRecord> preload) implements ResponseData {
  public TaskSuspendResult {
    preload = preload == null ? List.of() : List.copyOf(preload);
  }
}
