package dev.sustain.protocol.message;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.model.PromiseRecord;
import java.util.List;
import java.util.Objects;

/**
 * 200 {@code data} of {@code task.fence}: the inner action's full response envelope (status 200 with
 * {@code {promise}}, or 404 with a message for a settle of a missing promise) and the preload.
 */
public record TaskFenceResult(Response<? extends ResponseData> action, List<PromiseRecord> preload)
    implements ResponseData {
  public TaskFenceResult {
    Objects.requireNonNull(action, "action");
    preload = preload == null ? List.of() : List.copyOf(preload);
  }
}
