package dev.sustain.protocol.message;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.TaskRecord;
import java.util.List;

/** 200 {@code data} of {@code debug.snap}: a read-only dump of every table (spec §3.20). */
public record DebugSnapResult(
    List<PromiseRecord> promises,
    List<PromiseTimeout> promiseTimeouts,
    List<Callback> callbacks,
    List<Listener> listeners,
    List<TaskRecord> tasks,
    List<TaskTimeout> taskTimeouts,
    List<OutgoingMessage> messages)
    implements ResponseData {

  public DebugSnapResult {
    promises = List.copyOf(promises);
    promiseTimeouts = List.copyOf(promiseTimeouts);
    callbacks = List.copyOf(callbacks);
    listeners = List.copyOf(listeners);
    tasks = List.copyOf(tasks);
    taskTimeouts = List.copyOf(taskTimeouts);
    messages = List.copyOf(messages);
  }

  /** An armed promise deadline. */
  public record PromiseTimeout(String id, long timeout) {}

  /** A not-yet-fired callback: task {@code awaiter} waits on {@code awaited}. */
  public record Callback(String awaiter, String awaited) {}

  /** A registered listener on promise {@code id}. */
  public record Listener(String id, String address) {}

  /** A task timer; {@code type} 0 = retry (pending), 1 = lease (acquired). */
  public record TaskTimeout(String id, int type, long timeout) {
    public static final int RETRY = 0;
    public static final int LEASE = 1;
  }

  /** A queued outbox message for {@code address}. */
  public record OutgoingMessage(String address, Message message) {}
}
