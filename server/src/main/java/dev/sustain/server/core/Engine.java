package dev.sustain.server.core;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.core.debug.DebugResetTransition;
import dev.sustain.server.core.debug.DebugSnapTransition;
import dev.sustain.server.core.debug.DebugTickTransition;
import dev.sustain.server.core.promise.PromiseCreateTransition;
import dev.sustain.server.core.promise.PromiseGetTransition;
import dev.sustain.server.core.promise.PromiseRegisterCallbackTransition;
import dev.sustain.server.core.promise.PromiseRegisterListenerTransition;
import dev.sustain.server.core.promise.PromiseSearchTransition;
import dev.sustain.server.core.promise.PromiseSettleTransition;
import dev.sustain.server.core.schedule.ScheduleCreateTransition;
import dev.sustain.server.core.schedule.ScheduleDeleteTransition;
import dev.sustain.server.core.schedule.ScheduleGetTransition;
import dev.sustain.server.core.schedule.ScheduleSearchTransition;
import dev.sustain.server.core.state.State;
import dev.sustain.server.core.task.TaskAcquireTransition;
import dev.sustain.server.core.task.TaskContinueTransition;
import dev.sustain.server.core.task.TaskCreateTransition;
import dev.sustain.server.core.task.TaskFenceTransition;
import dev.sustain.server.core.task.TaskFulfillTransition;
import dev.sustain.server.core.task.TaskGetTransition;
import dev.sustain.server.core.task.TaskHaltTransition;
import dev.sustain.server.core.task.TaskHeartbeatTransition;
import dev.sustain.server.core.task.TaskReleaseTransition;
import dev.sustain.server.core.task.TaskSearchTransition;
import dev.sustain.server.core.task.TaskSuspendTransition;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The protocol's state machines (spec §3, §4) as a pure function of (state, request, now): applies one decoded
 * and validated request, or one background timeout pass, to a {@link State}, which records the row changes.
 * The caller runs both inside one transaction and persists {@link State#changes()}.
 *
 * <p>Immutable and thread-safe; each call is confined to the caller's thread and its {@code State}.
 */
public final class Engine {
  private final EngineConfig config;
  private final TimeoutPass pass;
  private final Map<Kind, Transition<?>> transitions = new EnumMap<>(Kind.class);

  public Engine(EngineConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.pass = new TimeoutPass(config);
    PromiseCreateTransition create = new PromiseCreateTransition();
    PromiseSettleTransition settle = new PromiseSettleTransition();
    transitions.put(Kind.PROMISE_GET, new PromiseGetTransition());
    transitions.put(Kind.PROMISE_CREATE, create);
    transitions.put(Kind.PROMISE_SETTLE, settle);
    transitions.put(Kind.PROMISE_REGISTER_CALLBACK, new PromiseRegisterCallbackTransition());
    transitions.put(Kind.PROMISE_REGISTER_LISTENER, new PromiseRegisterListenerTransition());
    transitions.put(Kind.PROMISE_SEARCH, new PromiseSearchTransition());
    transitions.put(Kind.TASK_GET, new TaskGetTransition());
    transitions.put(Kind.TASK_CREATE, new TaskCreateTransition());
    transitions.put(Kind.TASK_ACQUIRE, new TaskAcquireTransition());
    transitions.put(Kind.TASK_RELEASE, new TaskReleaseTransition());
    transitions.put(Kind.TASK_FULFILL, new TaskFulfillTransition());
    transitions.put(Kind.TASK_SUSPEND, new TaskSuspendTransition());
    transitions.put(Kind.TASK_FENCE, new TaskFenceTransition(create, settle));
    transitions.put(Kind.TASK_HEARTBEAT, new TaskHeartbeatTransition());
    transitions.put(Kind.TASK_HALT, new TaskHaltTransition());
    transitions.put(Kind.TASK_CONTINUE, new TaskContinueTransition());
    transitions.put(Kind.TASK_SEARCH, new TaskSearchTransition());
    transitions.put(Kind.SCHEDULE_CREATE, new ScheduleCreateTransition());
    transitions.put(Kind.SCHEDULE_GET, new ScheduleGetTransition());
    transitions.put(Kind.SCHEDULE_DELETE, new ScheduleDeleteTransition());
    transitions.put(Kind.SCHEDULE_SEARCH, new ScheduleSearchTransition());
    transitions.put(Kind.DEBUG_RESET, new DebugResetTransition());
    transitions.put(Kind.DEBUG_TICK, new DebugTickTransition(pass));
    transitions.put(Kind.DEBUG_SNAP, new DebugSnapTransition());
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Whether {@link #apply} handles {@code kind}: every kind but {@code debug.start} and {@code debug.stop}, which
   * pause and resume the server's background loops and touch no state.
   */
  public boolean handles(Kind kind) {
    return transitions.containsKey(kind);
  }

  /**
   * Applies one request at {@code now}. {@code data} must already have passed the protocol's request rules;
   * {@code corrId} is echoed in {@code task.fence}'s inner response.
   *
   * @throws IllegalArgumentException for {@code debug.start}/{@code debug.stop}
   */
  public Outcome apply(State state, String corrId, RequestData data, long now) {
    @SuppressWarnings("unchecked")
    Transition<RequestData> transition = (Transition<RequestData>) transitions.get(data.kind());
    if (transition == null) {
      throw new IllegalArgumentException(data.kind() + " controls the server's loops and is not applied to state");
    }
    return transition.apply(new Step(state, config, now, corrId), data);
  }

  /** Runs one background timeout pass (spec §4.5.5) at {@code now}. */
  public void tick(State state, long now) {
    pass.run(state, now);
  }
}
