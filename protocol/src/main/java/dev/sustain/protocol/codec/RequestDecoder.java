package dev.sustain.protocol.codec;

import static dev.sustain.protocol.codec.NodeReader.INTEGER;
import static dev.sustain.protocol.codec.NodeReader.NON_NEGATIVE;
import static dev.sustain.protocol.codec.NodeReader.OBJECT;
import static dev.sustain.protocol.codec.NodeReader.POSITIVE;
import static dev.sustain.protocol.codec.NodeReader.child;
import static dev.sustain.protocol.codec.NodeReader.index;
import static dev.sustain.protocol.codec.NodeReader.present;
import static dev.sustain.protocol.codec.NodeReader.textOrNull;
import static dev.sustain.protocol.codec.RecordDecoder.PROMISE_STATES;
import static dev.sustain.protocol.codec.RecordDecoder.TASK_STATES;
import static dev.sustain.protocol.codec.RecordDecoder.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugStop;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.TaskState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the {@code data} object of each request kind (spec §1.5 step 9): JSON types and required fields
 * only; value rules live in {@code validate.RequestRules}. Unknown keys are ignored. Stateless.
 */
final class RequestDecoder {
  static final String SETTLE_STATES = "expected one of resolved, rejected, rejected_canceled";
  static final String FENCE_KINDS = "expected one of promise.create, promise.settle";
  private static final String DATA = "data";

  private RequestDecoder() {}

  static RequestData decode(NodeReader in, Kind kind, JsonNode data) throws DecodeException {
    return switch (kind) {
      case PROMISE_GET -> new PromiseGet(in.string(data, DATA, "id"));
      case PROMISE_CREATE -> promiseCreate(in, data, DATA);
      case PROMISE_SETTLE -> promiseSettle(in, data, DATA);
      case PROMISE_REGISTER_CALLBACK -> registerCallback(in, data, DATA);
      case PROMISE_REGISTER_LISTENER ->
          new PromiseRegisterListener(in.string(data, DATA, "awaited"), in.string(data, DATA, "address"));
      case PROMISE_SEARCH -> promiseSearch(in, data);
      case TASK_GET -> new TaskGet(in.string(data, DATA, "id"));
      case TASK_CREATE -> taskCreate(in, data);
      case TASK_ACQUIRE -> new TaskAcquire(
          in.string(data, DATA, "id"),
          in.integer(data, DATA, "version", NON_NEGATIVE),
          in.string(data, DATA, "pid"),
          in.integer(data, DATA, "ttl", POSITIVE));
      case TASK_RELEASE ->
          new TaskRelease(in.string(data, DATA, "id"), in.integer(data, DATA, "version", NON_NEGATIVE));
      case TASK_FULFILL -> taskFulfill(in, data);
      case TASK_SUSPEND -> taskSuspend(in, data);
      case TASK_FENCE -> taskFence(in, data);
      case TASK_HEARTBEAT -> taskHeartbeat(in, data);
      case TASK_HALT -> new TaskHalt(in.string(data, DATA, "id"));
      case TASK_CONTINUE -> new TaskContinue(in.string(data, DATA, "id"));
      case TASK_SEARCH -> taskSearch(in, data);
      case SCHEDULE_CREATE -> scheduleCreate(in, data);
      case SCHEDULE_GET -> new ScheduleGet(in.string(data, DATA, "id"));
      case SCHEDULE_DELETE -> new ScheduleDelete(in.string(data, DATA, "id"));
      case SCHEDULE_SEARCH -> new ScheduleSearch(
          in.optStringMap(data, DATA, "tags"), limit(in, data), in.optString(data, DATA, "cursor"));
      case DEBUG_START -> new DebugStart();
      case DEBUG_STOP -> new DebugStop();
      case DEBUG_RESET -> new DebugReset();
      case DEBUG_TICK -> new DebugTick(in.integer(data, DATA, "time", INTEGER));
      case DEBUG_SNAP -> new DebugSnap();
    };
  }

  static PromiseCreate promiseCreate(NodeReader in, JsonNode data, String path) throws DecodeException {
    return new PromiseCreate(
        in.string(data, path, "id"),
        in.integer(data, path, "timeoutAt", NON_NEGATIVE),
        value(in, data, path, "param"),
        in.optStringMap(data, path, "tags"));
  }

  static PromiseSettle promiseSettle(NodeReader in, JsonNode data, String path) throws DecodeException {
    String id = in.string(data, path, "id");
    SettleState state = SettleState.fromWire(textOrNull(data, "state"))
        .orElseThrow(() -> in.fail(child(path, "state"), SETTLE_STATES));
    return new PromiseSettle(id, state, value(in, data, path, "value"));
  }

  static PromiseRegisterCallback registerCallback(NodeReader in, JsonNode data, String path)
      throws DecodeException {
    return new PromiseRegisterCallback(in.string(data, path, "awaited"), in.string(data, path, "awaiter"));
  }

  private static PromiseSearch promiseSearch(NodeReader in, JsonNode data) throws DecodeException {
    PromiseState state = null;
    if (present(data, "state") != null) {
      state = PromiseState.fromWire(textOrNull(data, "state"))
          .orElseThrow(() -> in.fail(child(DATA, "state"), PROMISE_STATES));
    }
    return new PromiseSearch(
        state, in.optStringMap(data, DATA, "tags"), limit(in, data), in.optString(data, DATA, "cursor"));
  }

  private static TaskSearch taskSearch(NodeReader in, JsonNode data) throws DecodeException {
    TaskState state = null;
    if (present(data, "state") != null) {
      state = TaskState.fromWire(textOrNull(data, "state"))
          .orElseThrow(() -> in.fail(child(DATA, "state"), TASK_STATES));
    }
    return new TaskSearch(state, limit(in, data), in.optString(data, DATA, "cursor"));
  }

  /**
   * Limits beyond the int range are clamped rather than rejected here, so that the range rule (1..1000)
   * answers with its own message for every out-of-range integer.
   */
  private static Integer limit(NodeReader in, JsonNode data) throws DecodeException {
    Long limit = in.optInteger(data, DATA, "limit", INTEGER);
    if (limit == null) {
      return null;
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit));
  }

  private static TaskCreate taskCreate(NodeReader in, JsonNode data) throws DecodeException {
    String pid = in.string(data, DATA, "pid");
    long ttl = in.integer(data, DATA, "ttl", POSITIVE);
    return new TaskCreate(pid, ttl, action(in, data, RequestDecoder::promiseCreate));
  }

  private static TaskFulfill taskFulfill(NodeReader in, JsonNode data) throws DecodeException {
    String id = in.string(data, DATA, "id");
    long version = in.integer(data, DATA, "version", NON_NEGATIVE);
    return new TaskFulfill(id, version, action(in, data, RequestDecoder::promiseSettle));
  }

  /** Reads one nested field of a request, e.g. the action's data, at its JSON path. */
  @FunctionalInterface
  private interface NestedReader<D> {
    D read(NodeReader in, JsonNode node, String path) throws DecodeException;
  }

  /** {@code data.action}: a nested envelope whose kind is kept as sent and whose data is read by {@code reader}. */
  private static <D extends RequestData> Action<D> action(NodeReader in, JsonNode data, NestedReader<D> reader)
      throws DecodeException {
    JsonNode action = in.object(data, DATA, "action");
    String actionPath = child(DATA, "action");
    String actionKind = in.string(action, actionPath, "kind");
    JsonNode actionData = in.object(action, actionPath, "data");
    return new Action<>(actionKind, actionHead(action), reader.read(in, actionData, child(actionPath, "data")));
  }

  private static TaskSuspend taskSuspend(NodeReader in, JsonNode data) throws DecodeException {
    String id = in.string(data, DATA, "id");
    long version = in.integer(data, DATA, "version", NON_NEGATIVE);
    ArrayNode actions = in.array(data, DATA, "actions");
    String listPath = child(DATA, "actions");
    List<Action<PromiseRegisterCallback>> out = new ArrayList<>(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      JsonNode action = actions.get(i);
      String actionPath = index(listPath, i);
      if (!action.isObject()) {
        throw in.fail(actionPath, OBJECT);
      }
      String actionKind = in.string(action, actionPath, "kind");
      JsonNode actionData = in.object(action, actionPath, "data");
      PromiseRegisterCallback callback = registerCallback(in, actionData, child(actionPath, "data"));
      out.add(new Action<>(actionKind, actionHead(action), callback));
    }
    return new TaskSuspend(id, version, out);
  }

  private static TaskFence taskFence(NodeReader in, JsonNode data) throws DecodeException {
    String id = in.string(data, DATA, "id");
    long version = in.integer(data, DATA, "version", NON_NEGATIVE);
    JsonNode action = in.object(data, DATA, "action");
    String actionPath = child(DATA, "action");
    Kind actionKind = Optional.ofNullable(textOrNull(action, "kind")).flatMap(Kind::fromWire)
        .filter(k -> k == Kind.PROMISE_CREATE || k == Kind.PROMISE_SETTLE)
        .orElseThrow(() -> in.fail(child(actionPath, "kind"), FENCE_KINDS));
    JsonNode actionData = in.object(action, actionPath, "data");
    String dataPath = child(actionPath, "data");
    RequestData inner = actionKind == Kind.PROMISE_CREATE
        ? promiseCreate(in, actionData, dataPath)
        : promiseSettle(in, actionData, dataPath);
    return new TaskFence(id, version, new Action<>(actionKind.wire(), actionHead(action), inner));
  }

  private static TaskHeartbeat taskHeartbeat(NodeReader in, JsonNode data) throws DecodeException {
    String pid = in.string(data, DATA, "pid");
    ArrayNode tasks = in.array(data, DATA, "tasks");
    String listPath = child(DATA, "tasks");
    List<TaskRef> refs = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      refs.add(taskRef(in, tasks.get(i), index(listPath, i)));
    }
    return new TaskHeartbeat(pid, refs);
  }

  static TaskRef taskRef(NodeReader in, JsonNode node, String path) throws DecodeException {
    if (!node.isObject()) {
      throw in.fail(path, OBJECT);
    }
    return new TaskRef(in.string(node, path, "id"), in.integer(node, path, "version", NON_NEGATIVE));
  }

  private static ScheduleCreate scheduleCreate(NodeReader in, JsonNode data) throws DecodeException {
    return new ScheduleCreate(
        in.string(data, DATA, "id"),
        in.string(data, DATA, "cron"),
        in.string(data, DATA, "promiseId"),
        in.integer(data, DATA, "promiseTimeout", NON_NEGATIVE),
        value(in, data, DATA, "promiseParam"),
        in.optStringMap(data, DATA, "promiseTags"));
  }

  /**
   * The head of a nested action is free-form (spec §3.8 [J]): absent or non-object reads as {@code null}; of an
   * object only the string fields (and an integer debug time) are kept, so the SDK's heads round-trip.
   */
  static RequestHead actionHead(JsonNode action) {
    JsonNode head = present(action, "head");
    if (head == null || !head.isObject()) {
      return null;
    }
    String corrId = null;
    String version = null;
    String auth = null;
    Long debugTime = null;
    Map<String, String> extra = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = head.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        case "corrId" -> corrId = value.isTextual() ? value.textValue() : null;
        case "version" -> version = value.isTextual() ? value.textValue() : null;
        case "auth" -> auth = value.isTextual() ? value.textValue() : null;
        case ProtocolCodec.DEBUG_TIME ->
            debugTime = value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
        default -> {
          if (value.isTextual()) {
            extra.put(field.getKey(), value.textValue());
          }
        }
      }
    }
    return new RequestHead(corrId, version, auth, debugTime, extra);
  }
}
