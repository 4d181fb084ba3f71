package dev.sustain.server.rpc;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.Status;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.Envelope;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.validate.RequestRules;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.protocol.validate.Violation;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transport-independent half of {@code POST /}: one request body in, one response envelope out, in exactly
 * the order of spec §1.5 — envelope, debug time, auth, {@code now}, kind, debug gate, data, validation, then
 * {@code debug.start}/{@code debug.stop} here and every other kind in the {@link Store}.
 *
 * <p>Bad input is answered, never thrown: the returned future always succeeds. {@link StoreUnavailableException}
 * becomes 503; anything else unexpected becomes 500 "Internal error" and one error-level log line naming the
 * {@code corrId}.
 *
 * <p>Threading: stateless and shared by every event loop; never blocks. The future completes on the store's
 * context or, for answers that need no store, at once.
 */
public final class RpcProcessor {
  private static final Logger LOG = Logger.getLogger(RpcProcessor.class.getName());

  private final ProtocolCodec codec;
  private final Store store;
  private final LongSupplier clock;
  private final AuthHook auth;
  private final BackgroundLoops loops;
  private final boolean debug;
  private final RuleOptions rules;

  /**
   * @param clock the server's monotonic wall clock in Unix ms
   * @param debug whether {@code debug.*} kinds and {@code resonate:debug_time} are honoured
   * @param rules validation switches (strict lineage)
   */
  public RpcProcessor(
      ProtocolCodec codec, Store store, LongSupplier clock, AuthHook auth, BackgroundLoops loops, boolean debug,
      RuleOptions rules) {
    this.codec = codec;
    this.store = store;
    this.clock = clock;
    this.auth = auth;
    this.loops = loops;
    this.debug = debug;
    this.rules = rules;
  }

  /** Processes one request body; the future always succeeds with the response to send. */
  public Future<Response<?>> process(byte[] body) {
    long started = System.nanoTime();
    Envelope envelope;
    try {
      envelope = codec.decodeEnvelope(body);
    } catch (DecodeException e) {
      return finish(started, error(e.kind(), e.corrId(), Status.BAD_REQUEST, "Invalid request envelope: "
          + e.getMessage()));
    }
    Future<Response<?>> answer;
    try {
      answer = dispatch(envelope);
    } catch (RuntimeException e) {
      answer = Future.succeededFuture(internalError(envelope.kind(), envelope.head().corrId(), e));
    }
    return answer.transform(result -> finish(started, result.succeeded()
        ? result.result()
        : internalError(envelope.kind(), envelope.head().corrId(), result.cause())));
  }

  /** Encodes a response; a response that cannot be encoded is a bug and is answered as 500 instead. */
  public byte[] encode(Response<?> response) {
    try {
      return codec.encodeResponse(response);
    } catch (RuntimeException e) {
      return codec.encodeResponse(internalError(response.kind(), response.head().corrId(), e));
    }
  }

  private Future<Response<?>> dispatch(Envelope envelope) {
    String kindWire = envelope.kind();
    RequestHead head = envelope.head();
    String corrId = head.corrId();
    if (!debug) {
      head = head.withoutDebugTime();
    }
    Optional<AuthHook.Rejection> rejection = auth.check(envelope);
    if (rejection.isPresent()) {
      return answer(error(kindWire, corrId, rejection.get().status(), rejection.get().message()));
    }
    long now = head.debugTime() != null ? head.debugTime() : clock.getAsLong();
    Kind kind = Kind.fromWire(kindWire).orElse(null);
    if (kind == null) {
      return answer(error(kindWire, corrId, Status.BAD_REQUEST, "Unknown operation: " + kindWire));
    }
    if (kind.isDebug() && !debug) {
      return answer(error(kindWire, corrId, Status.FORBIDDEN, "Debug operations are disabled"));
    }
    RequestData data;
    try {
      data = codec.decodeData(kind, envelope);
    } catch (DecodeException e) {
      return answer(error(kindWire, corrId, Status.BAD_REQUEST, "Invalid request: " + e.getMessage()));
    }
    if (data instanceof DebugTick tick && head.debugTime() != null && head.debugTime() != tick.time()) {
      return answer(error(kindWire, corrId, Status.BAD_REQUEST, "resonate:debug_time must equal data.time"));
    }
    List<Violation> violations = RequestRules.check(data, rules);
    if (!violations.isEmpty()) {
      return answer(error(kindWire, corrId, Status.BAD_REQUEST, RequestRules.describe(violations)));
    }
    switch (kind) {
      case DEBUG_START:
        return loops.pause().map(v -> ok(kindWire, corrId));
      case DEBUG_STOP:
        return loops.resume().map(v -> ok(kindWire, corrId));
      default:
        return store.apply(corrId, data, now).transform(result -> {
          if (result.succeeded()) {
            return answer(toResponse(kindWire, corrId, result.result()));
          }
          Throwable failure = result.cause();
          return failure instanceof StoreUnavailableException
              ? answer(error(kindWire, corrId, Status.UNAVAILABLE, "Store unavailable: " + failure.getMessage()))
              : Future.failedFuture(failure);
        });
    }
  }

  private static Response<?> toResponse(String kind, String corrId, Outcome outcome) {
    return Response.of(kind, corrId, outcome.status(), outcome.data());
  }

  private static Response<?> ok(String kind, String corrId) {
    return Response.of(kind, corrId, Status.OK, Empty.INSTANCE);
  }

  private static Response<?> error(String kind, String corrId, int status, String message) {
    return Response.error(kind, corrId, status, message);
  }

  private static Future<Response<?>> answer(Response<?> response) {
    return Future.succeededFuture(response);
  }

  private static Response<ErrorMessage> internalError(String kind, String corrId, Throwable cause) {
    StackTraceElement[] trace = cause.getStackTrace();
    String at = trace.length > 0 ? " at " + trace[0] : "";
    LOG.severe("Internal error kind=" + kind + " corr_id=" + corrId + ": " + cause + at);
    if (LOG.isLoggable(Level.FINE)) {
      LOG.log(Level.FINE, "Internal error corr_id=" + corrId, cause);
    }
    return Response.error(kind, corrId, Status.INTERNAL_ERROR, "Internal error");
  }

  private static Future<Response<?>> finish(long started, Response<?> response) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("kind=" + response.kind() + " corr_id=" + response.head().corrId() + " status=" + response.status()
          + " elapsed_ms=" + (System.nanoTime() - started) / 1_000_000);
    }
    return Future.succeededFuture(response);
  }
}
