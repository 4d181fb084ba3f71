package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client-side decoding: as lenient as the SDK's guards where they are lenient, as strict where they are not. */
class ResponseDecodingTest {
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;
  private static final String PROMISE = "{\"id\":\"p\",\"state\":\"pending\",\"param\":{},\"value\":{},\"tags\":{},"
      + "\"createdAt\":1,\"timeoutAt\":2}";

  private static byte[] response(String kind, int status, String data) {
    return ("{\"kind\":\"" + kind + "\",\"head\":{\"corrId\":\"c\",\"status\":" + status
        + ",\"version\":\"2026-04-01\"},\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
  }

  private long resumes(String json) throws DecodeException {
    String task = "{\"id\":\"t\",\"version\":1,\"state\":\"pending\",\"resumes\":" + json + "}";
    Response<?> r = codec.decodeResponse(Kind.TASK_GET, response("task.get", 200, "{\"task\":" + task + "}"));
    return ((TaskGetResult) r.data()).task().resumes();
  }

  private String rejection(Kind kind, byte[] body) {
    return assertThrows(DecodeException.class, () -> codec.decodeResponse(kind, body)).getMessage();
  }

  @Test
  void resumesMayBeACountAnArrayOrABoolean() throws Exception {
    assertEquals(3, resumes("3"));
    assertEquals(2, resumes("[\"a\",\"b\"]"));
    assertEquals(0, resumes("[]"));
    assertEquals(1, resumes("true"));
    assertEquals(0, resumes("false"));
    assertEquals("data.task.resumes: expected an integer, an array or a boolean",
        rejection(Kind.TASK_GET, response("task.get", 200,
            "{\"task\":{\"id\":\"t\",\"version\":1,\"state\":\"pending\",\"resumes\":\"1\"}}")));
  }

  @Test
  void errorStatusesCarryAStringAndNothingElse() throws Exception {
    Response<?> notFound = codec.decodeResponse(Kind.PROMISE_GET, response("promise.get", 404, "\"Promise not found\""));
    assertEquals(new ErrorMessage("Promise not found"), notFound.data());
    assertEquals("data: expected a string", rejection(Kind.PROMISE_GET, response("promise.get", 404, "{}")));
    assertEquals("data: expected a string", rejection(Kind.PROMISE_GET, response("promise.get", 300, "{}")));
  }

  @Test
  void responseMustAnswerTheRequestedKind() {
    assertEquals("kind: expected 'promise.get'",
        rejection(Kind.PROMISE_GET, response("unknown", 500, "\"Internal error\"")));
    assertEquals("head.status: expected an integer",
        rejection(Kind.PROMISE_GET, "{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c\",\"status\":\"200\",\"version\":\"v\"},\"data\":{}}"
            .getBytes(StandardCharsets.UTF_8)));
    assertEquals("data: expected a value",
        rejection(Kind.PROMISE_GET, "{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c\",\"status\":200,\"version\":\"v\"}}"
            .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void typedDataMustHaveItsShape() {
    assertEquals("data: expected an array", rejection(Kind.DEBUG_TICK, response("debug.tick", 200, "{}")));
    assertEquals("data: expected an object", rejection(Kind.TASK_RELEASE, response("task.release", 200, "[]")));
    assertEquals("data.promise: expected an object", rejection(Kind.PROMISE_GET, response("promise.get", 200, "{}")));
    assertEquals("data.promise.state: expected one of pending, resolved, rejected, rejected_canceled, rejected_timedout",
        rejection(Kind.PROMISE_GET, response("promise.get", 200, "{\"promise\":" + PROMISE.replace("pending", "done") + "}")));
    assertEquals("data.promise.settledAt: expected an integer",
        rejection(Kind.PROMISE_GET, response("promise.get", 200,
            "{\"promise\":" + PROMISE.replace("\"timeoutAt\":2}", "\"timeoutAt\":2,\"settledAt\":\"3\"}") + "}")));
    assertEquals("data.action.kind: expected one of promise.create, promise.settle",
        rejection(Kind.TASK_FENCE, response("task.fence", 200, "{\"action\":{\"kind\":\"task.get\"},\"preload\":[]}")));
  }

  @Test
  void absentPreloadReadsAsEmpty() throws Exception {
    String task = "{\"id\":\"p\",\"version\":1,\"state\":\"acquired\",\"resumes\":0,\"pid\":\"w\",\"ttl\":5}";
    Response<?> r = codec.decodeResponse(Kind.TASK_ACQUIRE,
        response("task.acquire", 200, "{\"task\":" + task + ",\"promise\":" + PROMISE + "}"));
    assertEquals(List.of(), ((TaskAcquireResult) r.data()).preload());
    assertEquals(5L, ((TaskAcquireResult) r.data()).task().ttl());
  }

  @Test
  void messagesAreCheckedLikeTheSdkGuardsDo() throws Exception {
    assertEquals(new Execute("http://h", new TaskRef("t", 2)), codec.decodeMessage(
        "{\"kind\":\"execute\",\"head\":{\"serverUrl\":\"http://h\"},\"data\":{\"task\":{\"id\":\"t\",\"version\":2}}}"
            .getBytes(StandardCharsets.UTF_8)));
    assertEquals("kind: expected one of execute, unblock", messageRejection("{\"kind\":\"invoke\",\"head\":{},\"data\":{}}"));
    assertEquals("head: expected an object", messageRejection("{\"kind\":\"execute\",\"data\":{}}"));
    assertEquals("head.serverUrl: expected a string",
        messageRejection("{\"kind\":\"execute\",\"head\":{\"serverUrl\":1},\"data\":{\"task\":{\"id\":\"t\",\"version\":0}}}"));
    assertEquals("data.task.version: expected a non-negative integer",
        messageRejection("{\"kind\":\"execute\",\"head\":{},\"data\":{\"task\":{\"id\":\"t\",\"version\":\"0\"}}}"));
    assertEquals("data.promise: expected an object", messageRejection("{\"kind\":\"unblock\",\"head\":{},\"data\":{}}"));
  }

  private String messageRejection(String json) {
    return assertThrows(DecodeException.class, () -> codec.decodeMessage(json.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }
}
