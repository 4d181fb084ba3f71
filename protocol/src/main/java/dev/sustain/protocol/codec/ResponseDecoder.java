package dev.sustain.protocol.codec;

import static dev.sustain.protocol.codec.NodeReader.ARRAY;
import static dev.sustain.protocol.codec.NodeReader.INTEGER;
import static dev.sustain.protocol.codec.NodeReader.OBJECT;
import static dev.sustain.protocol.codec.NodeReader.STRING;
import static dev.sustain.protocol.codec.NodeReader.child;
import static dev.sustain.protocol.codec.NodeReader.index;
import static dev.sustain.protocol.codec.NodeReader.present;
import static dev.sustain.protocol.codec.NodeReader.textOrNull;
import static dev.sustain.protocol.codec.RecordDecoder.optPromises;
import static dev.sustain.protocol.codec.RecordDecoder.promiseField;
import static dev.sustain.protocol.codec.RecordDecoder.promises;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sustain.protocol.Kind;
import dev.sustain.protocol.Status;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.envelope.ResponseHead;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugTickResult;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseRegisterCallbackResult;
import dev.sustain.protocol.message.PromiseRegisterListenerResult;
import dev.sustain.protocol.message.PromiseSearchResult;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.message.ResponseData;
import dev.sustain.protocol.message.ScheduleCreateResult;
import dev.sustain.protocol.message.ScheduleGetResult;
import dev.sustain.protocol.message.ScheduleSearchResult;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskFenceResult;
import dev.sustain.protocol.message.TaskFulfillResult;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.message.TaskSuspendResult;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client-side decoding of response envelopes and server-to-worker messages, as strict as the SDK's type guards
 * where they matter (error {@code data} must be a string; records must be complete) and as lenient where the
 * SDK is ({@code resumes} in three shapes, absent {@code preload}). Stateless.
 */
final class ResponseDecoder {
  static final String MESSAGE_KINDS = "expected one of execute, unblock";
  static final String TIMER_TYPES = "expected one of 0, 1";

  private ResponseDecoder() {}

  /** A response envelope at {@code path} ({@code ""} for the top level) answering a request of {@code kind}. */
  static Response<?> envelope(NodeReader in, JsonNode env, String path, Kind kind) throws DecodeException {
    String kindPath = path.isEmpty() ? "kind" : child(path, "kind");
    String headPath = path.isEmpty() ? "head" : child(path, "head");
    String dataPath = path.isEmpty() ? "data" : child(path, "data");
    if (!kind.wire().equals(textOrNull(env, "kind"))) {
      throw in.fail(kindPath, "expected '" + kind.wire() + "'");
    }
    JsonNode head = present(env, "head");
    if (head == null || !head.isObject()) {
      throw in.fail(headPath, OBJECT);
    }
    String corrId = in.string(head, headPath, "corrId");
    long status = in.integer(head, headPath, "status", INTEGER);
    String version = in.string(head, headPath, "version");
    if (status < 100 || status > 599) {
      throw in.fail(child(headPath, "status"), "expected an HTTP status code");
    }
    JsonNode data = env.get("data");
    if (data == null) {
      throw in.fail(dataPath, "expected a value");
    }
    ResponseData decoded = data(in, kind, (int) status, data, dataPath);
    return new Response<>(kind.wire(), new ResponseHead(corrId, (int) status, version), decoded);
  }

  private static ResponseData data(NodeReader in, Kind kind, int status, JsonNode data, String path)
      throws DecodeException {
    boolean typed = status == Status.OK || (status == Status.CONTINUE && kind == Kind.TASK_SUSPEND);
    if (!typed) {
      if (!data.isTextual()) {
        throw in.fail(path, STRING);
      }
      return new ErrorMessage(data.textValue());
    }
    if (kind == Kind.DEBUG_TICK) {
      if (!data.isArray()) {
        throw in.fail(path, ARRAY);
      }
      return DebugTickResult.INSTANCE;
    }
    if (!data.isObject()) {
      throw in.fail(path, OBJECT);
    }
    return switch (kind) {
      case PROMISE_GET -> new PromiseGetResult(promiseField(in, data, path, "promise"));
      case PROMISE_CREATE -> new PromiseCreateResult(promiseField(in, data, path, "promise"));
      case PROMISE_SETTLE -> new PromiseSettleResult(promiseField(in, data, path, "promise"));
      case PROMISE_REGISTER_CALLBACK -> new PromiseRegisterCallbackResult(promiseField(in, data, path, "promise"));
      case PROMISE_REGISTER_LISTENER -> new PromiseRegisterListenerResult(promiseField(in, data, path, "promise"));
      case TASK_FULFILL -> new TaskFulfillResult(promiseField(in, data, path, "promise"));
      case PROMISE_SEARCH ->
          new PromiseSearchResult(promises(in, data, path, "promises"), in.optString(data, path, "cursor"));
      case TASK_GET -> new TaskGetResult(RecordDecoder.task(in, in.object(data, path, "task"), child(path, "task")));
      case TASK_CREATE -> {
        JsonNode task = present(data, "task");
        TaskRecord record = task == null ? null : RecordDecoder.task(in, task, child(path, "task"));
        yield new TaskCreateResult(
            record, promiseField(in, data, path, "promise"), optPromises(in, data, path, "preload"));
      }
      case TASK_ACQUIRE -> new TaskAcquireResult(
          RecordDecoder.task(in, in.object(data, path, "task"), child(path, "task")),
          promiseField(in, data, path, "promise"),
          optPromises(in, data, path, "preload"));
      case TASK_SUSPEND -> status == Status.CONTINUE
          ? new TaskSuspendResult(optPromises(in, data, path, "preload"))
          : Empty.INSTANCE;
      case TASK_FENCE -> fence(in, data, path);
      case TASK_SEARCH ->
          new TaskSearchResult(RecordDecoder.tasks(in, data, path, "tasks"), in.optString(data, path, "cursor"));
      case SCHEDULE_CREATE -> new ScheduleCreateResult(
          RecordDecoder.schedule(in, in.object(data, path, "schedule"), child(path, "schedule")));
      case SCHEDULE_GET -> new ScheduleGetResult(
          RecordDecoder.schedule(in, in.object(data, path, "schedule"), child(path, "schedule")));
      case SCHEDULE_SEARCH -> new ScheduleSearchResult(
          RecordDecoder.schedules(in, data, path, "schedules"), in.optString(data, path, "cursor"));
      case DEBUG_SNAP -> snap(in, data, path);
      case TASK_RELEASE, TASK_HEARTBEAT, TASK_HALT, TASK_CONTINUE, SCHEDULE_DELETE, DEBUG_START, DEBUG_STOP,
          DEBUG_RESET, DEBUG_TICK -> Empty.INSTANCE;
    };
  }

  private static TaskFenceResult fence(NodeReader in, JsonNode data, String path) throws DecodeException {
    JsonNode action = in.object(data, path, "action");
    String actionPath = child(path, "action");
    Kind inner = Optional.ofNullable(textOrNull(action, "kind")).flatMap(Kind::fromWire)
        .filter(k -> k == Kind.PROMISE_CREATE || k == Kind.PROMISE_SETTLE)
        .orElseThrow(() -> in.fail(child(actionPath, "kind"), RequestDecoder.FENCE_KINDS));
    return new TaskFenceResult(envelope(in, action, actionPath, inner), optPromises(in, data, path, "preload"));
  }

  private static DebugSnapResult snap(NodeReader in, JsonNode data, String path) throws DecodeException {
    List<DebugSnapResult.PromiseTimeout> promiseTimeouts = new ArrayList<>();
    for (Entry e : entries(in, data, path, "promiseTimeouts")) {
      promiseTimeouts.add(new DebugSnapResult.PromiseTimeout(
          in.string(e.node, e.path, "id"), in.integer(e.node, e.path, "timeout", INTEGER)));
    }
    List<DebugSnapResult.Callback> callbacks = new ArrayList<>();
    for (Entry e : entries(in, data, path, "callbacks")) {
      callbacks.add(new DebugSnapResult.Callback(
          in.string(e.node, e.path, "awaiter"), in.string(e.node, e.path, "awaited")));
    }
    List<DebugSnapResult.Listener> listeners = new ArrayList<>();
    for (Entry e : entries(in, data, path, "listeners")) {
      listeners.add(new DebugSnapResult.Listener(
          in.string(e.node, e.path, "id"), in.string(e.node, e.path, "address")));
    }
    List<DebugSnapResult.TaskTimeout> taskTimeouts = new ArrayList<>();
    for (Entry e : entries(in, data, path, "taskTimeouts")) {
      String id = in.string(e.node, e.path, "id");
      long type = in.integer(e.node, e.path, "type", TIMER_TYPES);
      if (type != DebugSnapResult.TaskTimeout.RETRY && type != DebugSnapResult.TaskTimeout.LEASE) {
        throw in.fail(child(e.path, "type"), TIMER_TYPES);
      }
      taskTimeouts.add(new DebugSnapResult.TaskTimeout(id, (int) type, in.integer(e.node, e.path, "timeout", INTEGER)));
    }
    List<DebugSnapResult.OutgoingMessage> messages = new ArrayList<>();
    for (Entry e : entries(in, data, path, "messages")) {
      String address = in.string(e.node, e.path, "address");
      JsonNode message = in.object(e.node, e.path, "message");
      messages.add(new DebugSnapResult.OutgoingMessage(address, message(in, message, child(e.path, "message"))));
    }
    return new DebugSnapResult(
        promises(in, data, path, "promises"),
        promiseTimeouts,
        callbacks,
        listeners,
        RecordDecoder.tasks(in, data, path, "tasks"),
        taskTimeouts,
        messages);
  }

  private record Entry(JsonNode node, String path) {}

  private static List<Entry> entries(NodeReader in, JsonNode parent, String path, String name)
      throws DecodeException {
    ArrayNode array = in.array(parent, path, name);
    String listPath = child(path, name);
    List<Entry> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String elementPath = index(listPath, i);
      if (!array.get(i).isObject()) {
        throw in.fail(elementPath, OBJECT);
      }
      out.add(new Entry(array.get(i), elementPath));
    }
    return out;
  }

  /** An {@code execute} or {@code unblock} message at {@code path} ({@code ""} for the top level). */
  static Message message(NodeReader in, JsonNode msg, String path) throws DecodeException {
    String kindPath = path.isEmpty() ? "kind" : child(path, "kind");
    String headPath = path.isEmpty() ? "head" : child(path, "head");
    String dataPath = path.isEmpty() ? "data" : child(path, "data");
    String kind = textOrNull(msg, "kind");
    if (!Execute.KIND.equals(kind) && !Unblock.KIND.equals(kind)) {
      throw in.fail(kindPath, MESSAGE_KINDS);
    }
    JsonNode head = present(msg, "head");
    if (head == null || !head.isObject()) {
      throw in.fail(headPath, OBJECT);
    }
    JsonNode data = present(msg, "data");
    if (data == null || !data.isObject()) {
      throw in.fail(dataPath, OBJECT);
    }
    if (Execute.KIND.equals(kind)) {
      String serverUrl = in.optString(head, headPath, "serverUrl");
      JsonNode task = in.object(data, dataPath, "task");
      return new Execute(serverUrl, RequestDecoder.taskRef(in, task, child(dataPath, "task")));
    }
    return new Unblock(promiseField(in, data, dataPath, "promise"));
  }
}
