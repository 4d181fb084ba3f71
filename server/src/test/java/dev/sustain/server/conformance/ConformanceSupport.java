package dev.sustain.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugSnapResult.OutgoingMessage;
import dev.sustain.protocol.message.DebugSnapResult.TaskTimeout;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ResponseData;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The vocabulary of {@link ConformanceContract}: a clock the test moves, typed request helpers that assert the
 * expected status, and readers of {@code debug.snap}. Every request goes through {@link #driver()}; nothing here
 * knows which implementation answers.
 */
public abstract class ConformanceSupport {
  /** 2026-01-01T00:00:00Z, the anchor of every test clock. */
  protected static final long T0 = 1_767_225_600_000L;
  /** The retry interval the implementation under test runs with (the default {@code tasks.retry_timeout}). */
  protected static final long R = 30_000L;
  protected static final String TARGET = "poll://any@default";
  protected static final RequestHead INNER = RequestHead.of("inner", ProtocolVersion.CURRENT);

  /** The time of the next request; tests move it forward. */
  protected long now;

  /** The implementation under test. */
  protected abstract ProtocolDriver driver();

  @BeforeEach
  void resetDriver() {
    driver().reset();
    now = T0;
  }

  // ---- sending

  protected Response<?> send(RequestData data) {
    Response<?> response = driver().send(data, now);
    assertEquals(data.kind().wire(), response.kind(), "response kind");
    return response;
  }

  /** Sends and asserts status 200, returning the typed data. */
  protected <T extends ResponseData> T ok(RequestData data, Class<T> type) {
    Response<?> response = send(data);
    assertEquals(200, response.status(), () -> data.kind() + " → " + response.data());
    return assertInstanceOf(type, response.data());
  }

  /** Sends and asserts an error status, returning the message. */
  protected String fails(int status, RequestData data) {
    Response<?> response = send(data);
    assertEquals(status, response.status(), () -> data.kind() + " → " + response.data());
    return assertInstanceOf(ErrorMessage.class, response.data()).message();
  }

  protected void status(int status, RequestData data) {
    Response<?> response = send(data);
    assertEquals(status, response.status(), () -> data.kind() + " → " + response.data());
  }

  // ---- requests

  protected static Map<String, String> tags(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  protected static Map<String, String> targeted(String... kv) {
    Map<String, String> out = tags(kv);
    out.put(Tags.TARGET, TARGET);
    return out;
  }

  protected PromiseRecord create(String id, long timeoutAt, Map<String, String> tags) {
    return ok(new PromiseCreate(id, timeoutAt, null, tags), PromiseCreateResult.class).promise();
  }

  protected PromiseRecord create(String id) {
    return create(id, now + 60_000, Map.of());
  }

  protected PromiseRecord createTargeted(String id) {
    return create(id, now + 60_000, targeted());
  }

  protected PromiseRecord get(String id) {
    return ok(new PromiseGet(id), PromiseGetResult.class).promise();
  }

  protected static PromiseSettle settleData(String id, SettleState state, Value value) {
    return new PromiseSettle(id, state, value);
  }

  protected PromiseRecord settle(String id, SettleState state) {
    return ok(new PromiseSettle(id, state, null), PromiseSettleResult.class).promise();
  }

  protected PromiseRecord resolve(String id) {
    return settle(id, SettleState.RESOLVED);
  }

  protected static TaskCreate taskCreateData(
      String id, String pid, long ttl, long timeoutAt, Map<String, String> tags) {
    return new TaskCreate(pid, ttl, Action.of(new PromiseCreate(id, timeoutAt, null, tags), INNER));
  }

  /** {@code task.create} of a new targeted root, acquired v1 by {@code pid}. */
  protected TaskCreateResult taskCreate(String id, String pid, long ttl) {
    return ok(taskCreateData(id, pid, ttl, now + 600_000, targeted()), TaskCreateResult.class);
  }

  protected TaskAcquireResult acquire(String id, long version, String pid, long ttl) {
    return ok(new TaskAcquire(id, version, pid, ttl), TaskAcquireResult.class);
  }

  protected TaskRecord task(String id) {
    return ok(new TaskGet(id), TaskGetResult.class).task();
  }

  protected static TaskFulfill fulfillData(String id, long version, SettleState state) {
    return new TaskFulfill(id, version, Action.of(new PromiseSettle(id, state, null), INNER));
  }

  protected static TaskSuspend suspendData(String id, long version, String... awaited) {
    List<Action<PromiseRegisterCallback>> actions = new ArrayList<>();
    for (String a : awaited) {
      actions.add(Action.of(new PromiseRegisterCallback(a, id), INNER));
    }
    return new TaskSuspend(id, version, actions);
  }

  protected static TaskFence fenceData(String id, long version, RequestData action) {
    return new TaskFence(id, version, Action.of(action, INNER));
  }

  protected static PromiseRegisterCallback callbackData(String awaited, String awaiter) {
    return new PromiseRegisterCallback(awaited, awaiter);
  }

  protected static PromiseRegisterListener listenerData(String awaited, String address) {
    return new PromiseRegisterListener(awaited, address);
  }

  /** Moves the clock to {@code time} and runs {@code debug.tick} there. */
  protected void tick(long time) {
    now = time;
    Response<?> response = send(new DebugTick(time));
    assertEquals(200, response.status(), () -> "debug.tick → " + response.data());
  }

  // ---- debug.snap readers

  protected DebugSnapResult snap() {
    return ok(new DebugSnap(), DebugSnapResult.class);
  }

  protected static Optional<TaskRecord> taskIn(DebugSnapResult snap, String id) {
    return snap.tasks().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  protected static Optional<PromiseRecord> promiseIn(DebugSnapResult snap, String id) {
    return snap.promises().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  protected static Optional<TaskTimeout> timerOf(DebugSnapResult snap, String id) {
    return snap.taskTimeouts().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The queued executes as {@code "id@version→address"}, in snapshot order. */
  protected static List<String> executes(DebugSnapResult snap) {
    List<String> out = new ArrayList<>();
    for (OutgoingMessage m : snap.messages()) {
      if (m.message() instanceof Execute e) {
        out.add(e.task().id() + "@" + e.task().version() + "→" + m.address());
      }
    }
    return out;
  }

  /** The queued unblocks as {@code "promiseId→address"}, in snapshot order. */
  protected static List<String> unblocks(DebugSnapResult snap) {
    List<String> out = new ArrayList<>();
    for (OutgoingMessage m : snap.messages()) {
      if (m.message() instanceof Unblock u) {
        out.add(u.promise().id() + "→" + m.address());
      }
    }
    return out;
  }

  protected static String execute(String id, long version) {
    return id + "@" + version + "→" + TARGET;
  }
}
