package dev.sustain.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.DebugTickResult;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Execute;
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
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.TaskSuspendResult;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.Value;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes every wire type with the streaming generator, fields in the order of the SDK captures
 * ({@code sdk-wire.md}). Absent optional members are skipped, never written as {@code null}: the SDK's type
 * guards reject a {@code null} and discard the whole response (spec §2.2). Stateless.
 */
final class WireWriter {
  private WireWriter() {}

  static void request(JsonGenerator g, Request<?> request) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", request.kind().wire());
    g.writeFieldName("head");
    requestHead(g, request.head());
    g.writeFieldName("data");
    requestData(g, request.data());
    g.writeEndObject();
  }

  private static void requestHead(JsonGenerator g, RequestHead head) throws IOException {
    g.writeStartObject();
    optString(g, "corrId", head.corrId());
    optString(g, "version", head.version());
    optString(g, "auth", head.auth());
    if (head.debugTime() != null) {
      g.writeNumberField(ProtocolCodec.DEBUG_TIME, head.debugTime());
    }
    for (Map.Entry<String, String> e : head.extra().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void action(JsonGenerator g, Action<?> action) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", action.kind());
    if (action.head() != null) {
      g.writeFieldName("head");
      requestHead(g, action.head());
    }
    g.writeFieldName("data");
    requestData(g, action.data());
    g.writeEndObject();
  }

  static void requestData(JsonGenerator g, RequestData data) throws IOException {
    g.writeStartObject();
    switch (data.kind()) {
      case PROMISE_GET -> g.writeStringField("id", ((PromiseGet) data).id());
      case PROMISE_CREATE -> {
        PromiseCreate d = (PromiseCreate) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("timeoutAt", d.timeoutAt());
        valueField(g, "param", d.param());
        stringMap(g, "tags", d.tags());
      }
      case PROMISE_SETTLE -> {
        PromiseSettle d = (PromiseSettle) data;
        g.writeStringField("id", d.id());
        g.writeStringField("state", d.state().wire());
        valueField(g, "value", d.value());
      }
      case PROMISE_REGISTER_CALLBACK -> {
        PromiseRegisterCallback d = (PromiseRegisterCallback) data;
        g.writeStringField("awaiter", d.awaiter());
        g.writeStringField("awaited", d.awaited());
      }
      case PROMISE_REGISTER_LISTENER -> {
        PromiseRegisterListener d = (PromiseRegisterListener) data;
        g.writeStringField("awaited", d.awaited());
        g.writeStringField("address", d.address());
      }
      case PROMISE_SEARCH -> {
        PromiseSearch d = (PromiseSearch) data;
        if (d.state() != null) {
          g.writeStringField("state", d.state().wire());
        }
        optStringMap(g, "tags", d.tags());
        optInt(g, "limit", d.limit());
        optString(g, "cursor", d.cursor());
      }
      case TASK_GET -> g.writeStringField("id", ((TaskGet) data).id());
      case TASK_CREATE -> {
        TaskCreate d = (TaskCreate) data;
        g.writeStringField("pid", d.pid());
        g.writeNumberField("ttl", d.ttl());
        g.writeFieldName("action");
        action(g, d.action());
      }
      case TASK_ACQUIRE -> {
        TaskAcquire d = (TaskAcquire) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("version", d.version());
        g.writeStringField("pid", d.pid());
        g.writeNumberField("ttl", d.ttl());
      }
      case TASK_RELEASE -> {
        TaskRelease d = (TaskRelease) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("version", d.version());
      }
      case TASK_FULFILL -> {
        TaskFulfill d = (TaskFulfill) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("version", d.version());
        g.writeFieldName("action");
        action(g, d.action());
      }
      case TASK_SUSPEND -> {
        TaskSuspend d = (TaskSuspend) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("version", d.version());
        g.writeArrayFieldStart("actions");
        for (Action<PromiseRegisterCallback> a : d.actions()) {
          action(g, a);
        }
        g.writeEndArray();
      }
      case TASK_FENCE -> {
        TaskFence d = (TaskFence) data;
        g.writeStringField("id", d.id());
        g.writeNumberField("version", d.version());
        g.writeFieldName("action");
        action(g, d.action());
      }
      case TASK_HEARTBEAT -> {
        TaskHeartbeat d = (TaskHeartbeat) data;
        g.writeStringField("pid", d.pid());
        g.writeArrayFieldStart("tasks");
        for (TaskRef t : d.tasks()) {
          taskRef(g, t);
        }
        g.writeEndArray();
      }
      case TASK_HALT -> g.writeStringField("id", ((TaskHalt) data).id());
      case TASK_CONTINUE -> g.writeStringField("id", ((TaskContinue) data).id());
      case TASK_SEARCH -> {
        TaskSearch d = (TaskSearch) data;
        if (d.state() != null) {
          g.writeStringField("state", d.state().wire());
        }
        optInt(g, "limit", d.limit());
        optString(g, "cursor", d.cursor());
      }
      case SCHEDULE_CREATE -> {
        ScheduleCreate d = (ScheduleCreate) data;
        g.writeStringField("id", d.id());
        g.writeStringField("cron", d.cron());
        g.writeStringField("promiseId", d.promiseId());
        g.writeNumberField("promiseTimeout", d.promiseTimeout());
        valueField(g, "promiseParam", d.promiseParam());
        stringMap(g, "promiseTags", d.promiseTags());
      }
      case SCHEDULE_GET -> g.writeStringField("id", ((ScheduleGet) data).id());
      case SCHEDULE_DELETE -> g.writeStringField("id", ((ScheduleDelete) data).id());
      case SCHEDULE_SEARCH -> {
        ScheduleSearch d = (ScheduleSearch) data;
        optStringMap(g, "tags", d.tags());
        optInt(g, "limit", d.limit());
        optString(g, "cursor", d.cursor());
      }
      case DEBUG_TICK -> g.writeNumberField("time", ((DebugTick) data).time());
      case DEBUG_START, DEBUG_STOP, DEBUG_RESET, DEBUG_SNAP -> {
        // these kinds carry an empty data object
      }
    }
    g.writeEndObject();
  }

  static void response(JsonGenerator g, Response<?> response) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", response.kind());
    g.writeObjectFieldStart("head");
    g.writeStringField("corrId", response.head().corrId());
    g.writeNumberField("status", response.head().status());
    g.writeStringField("version", response.head().version());
    g.writeEndObject();
    g.writeFieldName("data");
    responseData(g, response.data());
    g.writeEndObject();
  }

  /** Ordered by frequency on the hot path: promise results and errors first, debug dumps last. */
  private static void responseData(JsonGenerator g, ResponseData data) throws IOException {
    if (data instanceof ErrorMessage d) {
      g.writeString(d.message());
    } else if (data instanceof Empty) {
      g.writeStartObject();
      g.writeEndObject();
    } else if (data instanceof TaskFenceResult d) {
      g.writeStartObject();
      g.writeFieldName("action");
      response(g, d.action());
      promiseList(g, "preload", d.preload());
      g.writeEndObject();
    } else if (data instanceof PromiseCreateResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof PromiseSettleResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof PromiseGetResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof PromiseRegisterListenerResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof PromiseRegisterCallbackResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof TaskFulfillResult d) {
      promiseResult(g, d.promise());
    } else if (data instanceof TaskAcquireResult d) {
      taskClaim(g, d.task(), d.promise(), d.preload());
    } else if (data instanceof TaskCreateResult d) {
      taskClaim(g, d.task(), d.promise(), d.preload());
    } else if (data instanceof TaskSuspendResult d) {
      g.writeStartObject();
      promiseList(g, "preload", d.preload());
      g.writeEndObject();
    } else if (data instanceof TaskGetResult d) {
      g.writeStartObject();
      g.writeFieldName("task");
      task(g, d.task());
      g.writeEndObject();
    } else if (data instanceof ScheduleCreateResult d) {
      scheduleResult(g, d.schedule());
    } else if (data instanceof ScheduleGetResult d) {
      scheduleResult(g, d.schedule());
    } else if (data instanceof PromiseSearchResult d) {
      g.writeStartObject();
      promiseList(g, "promises", d.promises());
      optString(g, "cursor", d.cursor());
      g.writeEndObject();
    } else if (data instanceof TaskSearchResult d) {
      g.writeStartObject();
      g.writeArrayFieldStart("tasks");
      for (TaskRecord t : d.tasks()) {
        task(g, t);
      }
      g.writeEndArray();
      optString(g, "cursor", d.cursor());
      g.writeEndObject();
    } else if (data instanceof ScheduleSearchResult d) {
      g.writeStartObject();
      g.writeArrayFieldStart("schedules");
      for (ScheduleRecord s : d.schedules()) {
        schedule(g, s);
      }
      g.writeEndArray();
      optString(g, "cursor", d.cursor());
      g.writeEndObject();
    } else if (data instanceof DebugTickResult) {
      g.writeStartArray();
      g.writeEndArray();
    } else if (data instanceof DebugSnapResult d) {
      snap(g, d);
    } else {
      throw new IllegalArgumentException("no encoding for response data " + data.getClass().getName());
    }
  }

  private static void promiseResult(JsonGenerator g, PromiseRecord promise) throws IOException {
    g.writeStartObject();
    g.writeFieldName("promise");
    promise(g, promise);
    g.writeEndObject();
  }

  private static void scheduleResult(JsonGenerator g, ScheduleRecord schedule) throws IOException {
    g.writeStartObject();
    g.writeFieldName("schedule");
    schedule(g, schedule);
    g.writeEndObject();
  }

  private static void taskClaim(JsonGenerator g, TaskRecord task, PromiseRecord promise, List<PromiseRecord> preload)
      throws IOException {
    g.writeStartObject();
    if (task != null) {
      g.writeFieldName("task");
      task(g, task);
    }
    g.writeFieldName("promise");
    promise(g, promise);
    promiseList(g, "preload", preload);
    g.writeEndObject();
  }

  private static void snap(JsonGenerator g, DebugSnapResult d) throws IOException {
    g.writeStartObject();
    promiseList(g, "promises", d.promises());
    g.writeArrayFieldStart("promiseTimeouts");
    for (DebugSnapResult.PromiseTimeout t : d.promiseTimeouts()) {
      g.writeStartObject();
      g.writeStringField("id", t.id());
      g.writeNumberField("timeout", t.timeout());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("callbacks");
    for (DebugSnapResult.Callback c : d.callbacks()) {
      g.writeStartObject();
      g.writeStringField("awaiter", c.awaiter());
      g.writeStringField("awaited", c.awaited());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("listeners");
    for (DebugSnapResult.Listener l : d.listeners()) {
      g.writeStartObject();
      g.writeStringField("id", l.id());
      g.writeStringField("address", l.address());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("tasks");
    for (TaskRecord t : d.tasks()) {
      task(g, t);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("taskTimeouts");
    for (DebugSnapResult.TaskTimeout t : d.taskTimeouts()) {
      g.writeStartObject();
      g.writeStringField("id", t.id());
      g.writeNumberField("type", t.type());
      g.writeNumberField("timeout", t.timeout());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("messages");
    for (DebugSnapResult.OutgoingMessage m : d.messages()) {
      g.writeStartObject();
      g.writeStringField("address", m.address());
      g.writeFieldName("message");
      message(g, m.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void message(JsonGenerator g, Message message) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", message.kind());
    g.writeObjectFieldStart("head");
    if (message instanceof Execute e) {
      optString(g, "serverUrl", e.serverUrl());
      g.writeEndObject();
      g.writeObjectFieldStart("data");
      g.writeFieldName("task");
      taskRef(g, e.task());
    } else {
      g.writeEndObject();
      g.writeObjectFieldStart("data");
      g.writeFieldName("promise");
      promise(g, ((Unblock) message).promise());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  static void promise(JsonGenerator g, PromiseRecord p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    g.writeStringField("state", p.state().wire());
    valueField(g, "param", p.param());
    valueField(g, "value", p.value());
    stringMap(g, "tags", p.tags());
    g.writeNumberField("createdAt", p.createdAt());
    g.writeNumberField("timeoutAt", p.timeoutAt());
    if (p.settledAt() != null) {
      g.writeNumberField("settledAt", p.settledAt());
    }
    g.writeEndObject();
  }

  private static void promiseList(JsonGenerator g, String name, List<PromiseRecord> promises) throws IOException {
    g.writeArrayFieldStart(name);
    for (PromiseRecord p : promises) {
      promise(g, p);
    }
    g.writeEndArray();
  }

  /** {@code resumes} is written as a count, as the reference server does; the SDK accepts it. */
  static void task(JsonGenerator g, TaskRecord t) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", t.id());
    g.writeNumberField("version", t.version());
    g.writeStringField("state", t.state().wire());
    g.writeNumberField("resumes", t.resumes());
    optString(g, "pid", t.pid());
    if (t.ttl() != null) {
      g.writeNumberField("ttl", t.ttl());
    }
    g.writeEndObject();
  }

  private static void taskRef(JsonGenerator g, TaskRef t) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", t.id());
    g.writeNumberField("version", t.version());
    g.writeEndObject();
  }

  static void schedule(JsonGenerator g, ScheduleRecord s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("cron", s.cron());
    g.writeStringField("promiseId", s.promiseId());
    g.writeNumberField("promiseTimeout", s.promiseTimeout());
    valueField(g, "promiseParam", s.promiseParam());
    stringMap(g, "promiseTags", s.promiseTags());
    g.writeNumberField("createdAt", s.createdAt());
    g.writeNumberField("nextRunAt", s.nextRunAt());
    if (s.lastRunAt() != null) {
      g.writeNumberField("lastRunAt", s.lastRunAt());
    }
    g.writeEndObject();
  }

  private static void valueField(JsonGenerator g, String name, Value v) throws IOException {
    g.writeObjectFieldStart(name);
    optStringMap(g, "headers", v.headers());
    optString(g, "data", v.data());
    g.writeEndObject();
  }

  private static void stringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void optStringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
    if (map != null) {
      stringMap(g, name, map);
    }
  }

  private static void optString(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void optInt(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }
}
