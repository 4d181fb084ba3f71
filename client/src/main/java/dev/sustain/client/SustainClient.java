package dev.sustain.client;

import dev.sustain.client.transport.HttpTransport;
import dev.sustain.client.transport.Transport;
import dev.sustain.client.transport.WebSocketTransport;
import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.Status;
import dev.sustain.protocol.codec.CodecLimits;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugStop;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.DebugTickResult;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterCallbackResult;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseRegisterListenerResult;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSearchResult;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ResponseData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleCreateResult;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleGetResult;
import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.ScheduleSearchResult;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFenceResult;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskFulfillResult;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.TaskSuspendResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java protocol client: one method per request kind, named after the wire ({@code promise.create} →
 * {@link #promiseCreate}), over either transport of {@link ClientOptions#getTransport()} with the same results.
 *
 * <p><b>Results.</b> Each typed method's future succeeds with the kind's typed {@code data} when the server
 * answers the kind's success status (200; also 300 for {@link #taskSuspend}). Any other status fails it with a
 * {@link ProtocolStatusException} carrying the status and the server's message ({@code 404} for a missing
 * promise, {@code 409} for a stale task version, …). No answer at all fails it with a {@link TransportException}
 * ({@link RequestTimeoutException} after {@link ClientOptions#getRequestTimeout()}); too many requests in flight
 * fail it at once with an {@link InFlightLimitException}. {@link #send(RequestData)} returns the raw envelope
 * instead, whatever its status.
 *
 * <p><b>Threading.</b> Thread-safe; every method may be called from any thread, including event loops (nothing
 * blocks). Futures complete on a Vert.x event loop, so callbacks must not block; callers that want a
 * {@code CompletableFuture} use {@link Future#toCompletionStage()}, and virtual threads may {@code await()}.
 *
 * <p><b>Workers.</b> With {@link ClientOptions#setId(String)} set, {@link #messages(Handler)} receives the
 * {@code execute}/{@code unblock} messages the server routes to {@code poll://uni@group/id} and
 * {@code poll://any@group}, over SSE (HTTP transport) or pushed on the socket (WebSocket transport); the stream
 * reconnects with exponential backoff and jitter until {@link #close()}.
 */
public final class SustainClient {
  private final Vertx vertx;
  private final ClientOptions options;
  private final Transport transport;
  private final String corrIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
  private final AtomicLong corrIdSequence = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  private SustainClient(Vertx vertx, ClientOptions options) {
    this.vertx = vertx;
    this.options = options;
    ProtocolCodec codec = new ProtocolCodec(new CodecLimits(options.getMaxMessageSize(),
        CodecLimits.DEFAULT_MAX_NESTING_DEPTH, Math.min(options.getMaxMessageSize(),
            CodecLimits.DEFAULT_MAX_STRING_LENGTH)));
    this.transport = options.getTransport() == TransportKind.WEBSOCKET
        ? new WebSocketTransport(vertx, options, codec)
        : new HttpTransport(vertx, options, codec);
  }

  /**
   * A client for the server at {@link ClientOptions#getUrl()}. Nothing connects until the first request or
   * {@link #messages(Handler)}.
   *
   * @throws IllegalArgumentException if the options contradict each other
   */
  public static SustainClient create(Vertx vertx, ClientOptions options) {
    ClientOptions copy = new ClientOptions(options);
    copy.validate();
    return new SustainClient(vertx, copy);
  }

  /** A copy of the options this client runs with. */
  public ClientOptions options() {
    return new ClientOptions(options);
  }

  /**
   * Sends {@code data} in an envelope with a fresh {@code corrId}, the current protocol version and the
   * configured token, and completes with the server's answer whatever its status. Fails only when no
   * well-formed answer arrives (see the class comment).
   */
  public Future<Response<?>> send(RequestData data) {
    RequestHead head = new RequestHead(nextCorrId(), ProtocolVersion.CURRENT, options.getToken(), null, Map.of());
    return send(new Request<>(head, data));
  }

  /**
   * Sends a caller-built envelope unchanged (for {@code resonate:debug_time} or extra head keys); its
   * {@code corrId} must not equal another request in flight on this client.
   */
  public Future<Response<?>> send(Request<?> request) {
    if (closed) {
      return Future.failedFuture(new TransportException("client closed"));
    }
    int limit = options.getMaxInFlight();
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new InFlightLimitException(limit));
    }
    Promise<Response<?>> answer = Promise.promise();
    long timeout = options.getRequestTimeout();
    long timer = vertx.setTimer(timeout, id -> answer.tryFail(new RequestTimeoutException(
        request.kind() + " (corrId " + request.head().corrId() + ") got no answer within " + timeout + " ms")));
    answer.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      inFlight.decrementAndGet();
    });
    transport.send(request, answer);
    return answer.future();
  }

  /**
   * Delivers every message the server sends this worker to {@code handler}, on an event loop, in arrival order,
   * until {@link #close()}; opens the SSE stream or the socket now and reopens it whenever it drops. Messages
   * the server sent while the stream was down are not replayed: the server re-sends {@code execute} on its
   * retry timer, and an SDK re-registers listeners it still waits on.
   *
   * @throws IllegalStateException if {@link ClientOptions#getId()} is not set, a handler is already set, or the
   *     client is closed
   */
  public SustainClient messages(Handler<Message> handler) {
    if (options.getId() == null) {
      throw new IllegalStateException("messages need a worker identity: set ClientOptions.id (and group)");
    }
    transport.subscribe(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Requests waiting for their answers right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Fails every request in flight with a {@link TransportException}, ends the message stream and releases the
   * connections. Idempotent.
   */
  public Future<Void> close() {
    closed = true;
    return transport.close();
  }

  private String nextCorrId() {
    return corrIdPrefix + Long.toString(corrIdSequence.incrementAndGet(), 36);
  }

  /** Sends {@code data} and expects status 200 with data of type {@code type}. */
  private <T extends ResponseData> Future<T> call(RequestData data, Class<T> type) {
    return send(data).compose(response -> {
      if (response.status() == Status.OK && type.isInstance(response.data())) {
        return Future.succeededFuture(type.cast(response.data()));
      }
      return Future.failedFuture(statusError(response));
    });
  }

  private static SustainClientException statusError(Response<?> response) {
    String message = response.data() instanceof ErrorMessage error
        ? error.message()
        : "unexpected " + response.data().getClass().getSimpleName() + " data";
    return new ProtocolStatusException(response.status(), message, response.kind(), response.head().corrId());
  }

  /** {@code promise.get}: reads a promise. */
  public Future<PromiseGetResult> promiseGet(PromiseGet data) {
    return call(data, PromiseGetResult.class);
  }

  /** {@code promise.create}: creates a promise, or returns the existing one with that id (idempotent). */
  public Future<PromiseCreateResult> promiseCreate(PromiseCreate data) {
    return call(data, PromiseCreateResult.class);
  }

  /** {@code promise.settle}: resolves, rejects or cancels a promise. */
  public Future<PromiseSettleResult> promiseSettle(PromiseSettle data) {
    return call(data, PromiseSettleResult.class);
  }

  /** {@code promise.register_callback}: resumes a task when an awaited promise settles. */
  public Future<PromiseRegisterCallbackResult> promiseRegisterCallback(PromiseRegisterCallback data) {
    return call(data, PromiseRegisterCallbackResult.class);
  }

  /** {@code promise.register_listener}: sends an {@code unblock} to an address when a promise settles. */
  public Future<PromiseRegisterListenerResult> promiseRegisterListener(PromiseRegisterListener data) {
    return call(data, PromiseRegisterListenerResult.class);
  }

  /** {@code promise.search}: one page of promises matching a search. */
  public Future<PromiseSearchResult> promiseSearch(PromiseSearch data) {
    return call(data, PromiseSearchResult.class);
  }

  /** {@code task.get}: reads a task. */
  public Future<TaskGetResult> taskGet(TaskGet data) {
    return call(data, TaskGetResult.class);
  }

  /** {@code task.create}: creates a promise with its task already acquired by {@code pid}. */
  public Future<TaskCreateResult> taskCreate(TaskCreate data) {
    return call(data, TaskCreateResult.class);
  }

  /** {@code task.acquire}: acquires a pending task at the version an {@code execute} named. */
  public Future<TaskAcquireResult> taskAcquire(TaskAcquire data) {
    return call(data, TaskAcquireResult.class);
  }

  /** {@code task.release}: gives an acquired task back so that it is dispatched again. Completes with {@code null} on status 200. */
  public Future<Void> taskRelease(TaskRelease data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code task.fulfill}: settles the task's promise and completes the task. */
  public Future<TaskFulfillResult> taskFulfill(TaskFulfill data) {
    return call(data, TaskFulfillResult.class);
  }

  /**
   * {@code task.suspend}: suspends a task on the promises it awaits. Completes with an empty {@code Optional} when the task is suspended
   * (status 200), or with the preload when an awaited promise has already settled and the task must continue
   * instead (status 300).
   */
  public Future<Optional<TaskSuspendResult>> taskSuspend(TaskSuspend data) {
    return send(data).compose(response -> {
      if (response.status() == Status.OK) {
        return Future.succeededFuture(Optional.empty());
      }
      if (response.status() == Status.CONTINUE && response.data() instanceof TaskSuspendResult result) {
        return Future.succeededFuture(Optional.of(result));
      }
      return Future.failedFuture(statusError(response));
    });
  }

  /** {@code task.fence}: creates or settles a promise only if the caller still holds the task at its version. */
  public Future<TaskFenceResult> taskFence(TaskFence data) {
    return call(data, TaskFenceResult.class);
  }

  /** {@code task.heartbeat}: renews the leases of the listed tasks. Completes with {@code null} on status 200. */
  public Future<Void> taskHeartbeat(TaskHeartbeat data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code task.halt}: halts a task. Completes with {@code null} on status 200. */
  public Future<Void> taskHalt(TaskHalt data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code task.continue}: continues a halted task. Completes with {@code null} on status 200. */
  public Future<Void> taskContinue(TaskContinue data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code task.search}: one page of tasks matching a search. */
  public Future<TaskSearchResult> taskSearch(TaskSearch data) {
    return call(data, TaskSearchResult.class);
  }

  /** {@code schedule.create}: creates a schedule, or returns the existing one. */
  public Future<ScheduleCreateResult> scheduleCreate(ScheduleCreate data) {
    return call(data, ScheduleCreateResult.class);
  }

  /** {@code schedule.get}: reads a schedule. */
  public Future<ScheduleGetResult> scheduleGet(ScheduleGet data) {
    return call(data, ScheduleGetResult.class);
  }

  /** {@code schedule.delete}: deletes a schedule. Completes with {@code null} on status 200. */
  public Future<Void> scheduleDelete(ScheduleDelete data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code schedule.search}: one page of schedules matching a search. */
  public Future<ScheduleSearchResult> scheduleSearch(ScheduleSearch data) {
    return call(data, ScheduleSearchResult.class);
  }

  /** {@code debug.start}: debug mode only: starts the server's background loops. Completes with {@code null} on status 200. */
  public Future<Void> debugStart(DebugStart data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code debug.stop}: debug mode only: stops the server's background loops. Completes with {@code null} on status 200. */
  public Future<Void> debugStop(DebugStop data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code debug.reset}: debug mode only: empties every table. Completes with {@code null} on status 200. */
  public Future<Void> debugReset(DebugReset data) {
    return call(data, Empty.class).mapEmpty();
  }

  /** {@code debug.tick}: debug mode only: runs one background pass at the request's time. Completes with {@code null} on status 200. */
  public Future<Void> debugTick(DebugTick data) {
    return call(data, DebugTickResult.class).mapEmpty();
  }

  /** {@code debug.snap}: debug mode only: a dump of every table. */
  public Future<DebugSnapResult> debugSnap(DebugSnap data) {
    return call(data, DebugSnapResult.class);
  }
}
