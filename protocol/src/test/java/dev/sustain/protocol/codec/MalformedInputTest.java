package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed request is rejected with a message naming the JSON path and the expectation, exactly. */
class MalformedInputTest {
  private static final String HEAD = "{\"corrId\":\"c1\",\"version\":\"2026-04-01\"}";
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;

  private static String request(String kind, String data) {
    return "{\"kind\":\"" + kind + "\",\"head\":" + HEAD + ",\"data\":" + data + "}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private DecodeException reject(ProtocolCodec c, String body) {
    return assertThrows(DecodeException.class, () -> c.decodeRequest(bytes(body)));
  }

  static Stream<Arguments> envelopes() {
    return Stream.of(
        Arguments.of("[]", "body: expected a JSON object"),
        Arguments.of("\"promise.get\"", "body: expected a JSON object"),
        Arguments.of("", "body: expected a JSON object (empty body)"),
        Arguments.of("{\"kind\":",
            "body: expected a JSON object (Unexpected end-of-input within/between Object entries at line 1, column 9)"),
        Arguments.of("{\"kind\" \"x\"}",
            "body: expected a JSON object (Unexpected character ('\"' (code 34)): was expecting a colon to separate"
                + " field name and value at line 1, column 9)"),
        Arguments.of(request("promise.get", "{\"id\":\"a\"}") + " {}",
            "body: expected a JSON object (Unexpected content after the JSON object at line 1, column 88)"),
        Arguments.of(request("promise.get", "{\"id\":\"a\",\"id\":\"b\"}"),
            "body: expected a JSON object (Duplicate field 'id' at line 1, column 90)"),
        Arguments.of("{\"head\":" + HEAD + ",\"data\":{}}", "kind: expected a non-empty string"),
        Arguments.of("{\"kind\":5,\"head\":" + HEAD + ",\"data\":{}}", "kind: expected a non-empty string"),
        Arguments.of("{\"kind\":\"\",\"head\":" + HEAD + ",\"data\":{}}", "kind: expected a non-empty string"),
        Arguments.of("{\"kind\":\"promise.get\",\"data\":{}}", "head: expected an object"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":[],\"data\":{}}", "head: expected an object"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"version\":\"2026-04-01\"},\"data\":{}}",
            "head.corrId: expected a string"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":7,\"version\":\"2026-04-01\"},\"data\":{}}",
            "head.corrId: expected a string"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\"},\"data\":{}}",
            "head.version: expected a string"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"version\":\"2026-04-01\",\"auth\":5},"
            + "\"data\":{}}", "head.auth: expected a string"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"version\":\"2026-04-01\","
            + "\"resonate:debug_time\":\"5\"},\"data\":{}}", "head.resonate:debug_time: expected an integer"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"version\":\"2026-04-01\","
            + "\"resonate:debug_time\":1.5},\"data\":{}}", "head.resonate:debug_time: expected an integer"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":" + HEAD + "}", "data: expected an object"),
        Arguments.of(request("promise.get", "[]"), "data: expected an object"),
        Arguments.of(request("promise.get", "\"x\""), "data: expected an object"),
        Arguments.of(request("promise.get", "null"), "data: expected an object"),
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"version\":\"2025-01-01\"},\"data\":{}}",
            "head.version: unsupported protocol version '2025-01-01', supported versions: [2026-04-01]"),
        Arguments.of(request("promise.frobnicate", "{}"), "kind: unknown operation 'promise.frobnicate'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("envelopes")
  void malformedEnvelopeIsRejectedWithItsPathAndExpectation(String body, String message) {
    assertEquals(message, reject(codec, body).getMessage());
  }

  static Stream<Arguments> data() {
    return Stream.of(
        // strings
        Arguments.of("promise.get", "{}", "data.id: expected a string"),
        Arguments.of("promise.get", "{\"id\":\"a\\ud800\"}",
            "data.id: expected well-formed Unicode text (it contains an unpaired surrogate escape)"),
        Arguments.of("promise.get", "{\"id\":\"\\udc00b\"}",
            "data.id: expected well-formed Unicode text (it contains an unpaired surrogate escape)"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"tags\":{\"k\":\"\\ud83d\"}}",
            "data.tags.k: expected well-formed Unicode text (it contains an unpaired surrogate escape)"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"tags\":{\"\\ud83d\":\"v\"}}",
            "data.tags: expected well-formed Unicode text (it contains an unpaired surrogate escape)"),
        Arguments.of("promise.get", "{\"id\":5}", "data.id: expected a string"),
        Arguments.of("promise.get", "{\"id\":null}", "data.id: expected a string"),
        Arguments.of("promise.register_listener", "{\"awaited\":\"a\",\"address\":[]}", "data.address: expected a string"),
        Arguments.of("task.heartbeat", "{\"pid\":true,\"tasks\":[]}", "data.pid: expected a string"),
        Arguments.of("schedule.create", "{\"id\":\"s\",\"cron\":5,\"promiseId\":\"p\",\"promiseTimeout\":1}",
            "data.cron: expected a string"),
        Arguments.of("promise.search", "{\"cursor\":5}", "data.cursor: expected a string"),
        // non-negative integers: timestamps and versions
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":\"1\"}", "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1.5}", "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1.0}", "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":true}", "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":9223372036854775808}",
            "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("promise.create", "{\"id\":\"p\"}", "data.timeoutAt: expected a non-negative integer"),
        Arguments.of("task.release", "{\"id\":\"t\",\"version\":\"1\"}", "data.version: expected a non-negative integer"),
        Arguments.of("schedule.create", "{\"id\":\"s\",\"cron\":\"c\",\"promiseId\":\"p\",\"promiseTimeout\":\"1\"}",
            "data.promiseTimeout: expected a non-negative integer"),
        // positive integers
        Arguments.of("task.acquire", "{\"id\":\"t\",\"version\":1,\"pid\":\"w\",\"ttl\":\"1\"}", "data.ttl: expected a positive integer"),
        Arguments.of("task.create", "{\"pid\":\"w\",\"ttl\":[],\"action\":{}}", "data.ttl: expected a positive integer"),
        // plain integers
        Arguments.of("promise.search", "{\"limit\":1.5}", "data.limit: expected an integer"),
        Arguments.of("debug.tick", "{\"time\":\"now\"}", "data.time: expected an integer"),
        Arguments.of("debug.tick", "{}", "data.time: expected an integer"),
        // values and string maps
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":\"x\"}", "data.param: expected an object"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":{\"headers\":[]}}",
            "data.param.headers: expected an object of strings"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":{\"headers\":{\"a\":1}}}",
            "data.param.headers.a: expected a string"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":{\"data\":5}}", "data.param.data: expected a string"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"tags\":\"x\"}", "data.tags: expected an object of strings"),
        Arguments.of("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"tags\":{\"resonate:target\":5}}",
            "data.tags.resonate:target: expected a string"),
        Arguments.of("promise.settle", "{\"id\":\"p\",\"state\":\"resolved\",\"value\":{\"data\":null,\"headers\":{\"h\":null}}}",
            "data.value.headers.h: expected a string"),
        Arguments.of("schedule.create", "{\"id\":\"s\",\"cron\":\"c\",\"promiseId\":\"p\",\"promiseTimeout\":1,\"promiseParam\":[]}",
            "data.promiseParam: expected an object"),
        Arguments.of("schedule.search", "{\"tags\":{\"a\":{}}}", "data.tags.a: expected a string"),
        // enums
        Arguments.of("promise.settle", "{\"id\":\"p\",\"state\":\"pending\"}",
            "data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("promise.settle", "{\"id\":\"p\",\"state\":\"rejected_timedout\"}",
            "data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("promise.settle", "{\"id\":\"p\"}", "data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("promise.settle", "{\"id\":\"p\",\"state\":3}", "data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("promise.search", "{\"state\":\"done\"}",
            "data.state: expected one of pending, resolved, rejected, rejected_canceled, rejected_timedout"),
        Arguments.of("task.search", "{\"state\":\"running\"}",
            "data.state: expected one of pending, acquired, suspended, halted, fulfilled"),
        // nested actions
        Arguments.of("task.create", "{\"pid\":\"w\",\"ttl\":1}", "data.action: expected an object"),
        Arguments.of("task.create", "{\"pid\":\"w\",\"ttl\":1,\"action\":{\"data\":{}}}", "data.action.kind: expected a string"),
        Arguments.of("task.create", "{\"pid\":\"w\",\"ttl\":1,\"action\":{\"kind\":\"promise.create\"}}",
            "data.action.data: expected an object"),
        Arguments.of("task.create", "{\"pid\":\"w\",\"ttl\":1,\"action\":{\"kind\":\"promise.create\",\"data\":{\"id\":\"p\",\"timeoutAt\":-1.5}}}",
            "data.action.data.timeoutAt: expected a non-negative integer"),
        Arguments.of("task.fulfill", "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.settle\",\"data\":{\"id\":\"t\",\"state\":\"ok\"}}}",
            "data.action.data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("task.fence", "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.get\",\"data\":{\"id\":\"p\"}}}",
            "data.action.kind: expected one of promise.create, promise.settle"),
        Arguments.of("task.fence", "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":5,\"data\":{}}}",
            "data.action.kind: expected one of promise.create, promise.settle"),
        Arguments.of("task.fence", "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.settle\",\"data\":{\"id\":\"p\",\"state\":\"x\"}}}",
            "data.action.data.state: expected one of resolved, rejected, rejected_canceled"),
        Arguments.of("task.fence", "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.create\",\"data\":[]}}",
            "data.action.data: expected an object"),
        Arguments.of("task.suspend", "{\"id\":\"t\",\"version\":1,\"actions\":\"x\"}", "data.actions: expected an array"),
        Arguments.of("task.suspend", "{\"id\":\"t\",\"version\":1,\"actions\":[5]}", "data.actions[0]: expected an object"),
        Arguments.of("task.suspend", "{\"id\":\"t\",\"version\":1,\"actions\":[{\"kind\":\"promise.register_callback\","
            + "\"data\":{\"awaited\":\"a\",\"awaiter\":\"t\"}},{\"kind\":\"promise.register_callback\",\"data\":{\"awaited\":\"b\"}}]}",
            "data.actions[1].data.awaiter: expected a string"),
        Arguments.of("task.heartbeat", "{\"pid\":\"w\"}", "data.tasks: expected an array"),
        Arguments.of("task.heartbeat", "{\"pid\":\"w\",\"tasks\":[{\"id\":\"t\",\"version\":\"1\"}]}",
            "data.tasks[0].version: expected a non-negative integer"),
        Arguments.of("task.heartbeat", "{\"pid\":\"w\",\"tasks\":[\"t\"]}", "data.tasks[0]: expected an object"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("data")
  void malformedDataIsRejectedWithItsPathAndExpectation(String kind, String data, String message) {
    DecodeException e = reject(codec, request(kind, data));
    assertEquals(message, e.getMessage());
    assertEquals(kind, e.kind());
    assertEquals("c1", e.corrId());
    assertEquals(message, e.path() + ": " + e.expectation());
  }

  @Test
  void unparseableBodyEchoesUnknownKindAndCorrIdZero() {
    DecodeException e = reject(codec, "{");
    assertEquals("unknown", e.kind());
    assertEquals("0", e.corrId());
    assertEquals("body", e.path());
  }

  @Test
  void envelopeErrorEchoesWhateverKindAndCorrIdWereStrings() {
    DecodeException nonStringKind = reject(codec, "{\"kind\":1,\"head\":{\"corrId\":\"c9\"}}");
    assertEquals("unknown", nonStringKind.kind());
    assertEquals("c9", nonStringKind.corrId());
    DecodeException badData = reject(codec, "{\"kind\":\"task.get\",\"head\":{\"corrId\":9,\"version\":\"2026-04-01\"},\"data\":[]}");
    assertEquals("task.get", badData.kind());
    assertEquals("0", badData.corrId());
    DecodeException emptyKind = reject(codec, "{\"kind\":\"\",\"head\":" + HEAD + ",\"data\":{}}");
    assertEquals("", emptyKind.kind());
    assertEquals("c1", emptyKind.corrId());
  }

  @Test
  void decodeExceptionIsStackless() {
    assertEquals(0, reject(codec, "[]").getStackTrace().length);
  }

  @Test
  void nestingBeyondTheLimitIsRejected() {
    ProtocolCodec small = new ProtocolCodec(new CodecLimits(1024, 4, 100));
    String deep = request("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":{\"headers\":{\"a\":{\"b\":1}}}}");
    assertEquals("body: expected JSON nested at most 4 levels deep", reject(small, deep).getMessage());
    String fits = request("promise.create", "{\"id\":\"p\",\"timeoutAt\":1,\"param\":{\"headers\":{}}}");
    assertEquals("p", assertDecodes(small, fits));
  }

  @Test
  void defaultNestingLimitIs64() {
    String deep = request("promise.get", "{\"id\":\"p\",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}");
    assertEquals("body: expected JSON nested at most 64 levels deep", reject(codec, deep).getMessage());
    String fits = request("promise.get", "{\"id\":\"p\",\"x\":" + "[".repeat(62) + "]".repeat(62) + "}");
    assertEquals("p", assertDecodes(codec, fits));
  }

  @Test
  void oversizedStringIsRejected() {
    ProtocolCodec small = new ProtocolCodec(new CodecLimits(1024, 64, 100));
    String big = request("promise.get", "{\"id\":\"" + "x".repeat(101) + "\"}");
    assertEquals("body: expected strings of at most 100 characters", reject(small, big).getMessage());
    assertEquals("x".repeat(100), assertDecodes(small, request("promise.get", "{\"id\":\"" + "x".repeat(100) + "\"}")));
  }

  @Test
  void oversizedBodyIsRejectedBeforeParsing() {
    ProtocolCodec small = new ProtocolCodec(new CodecLimits(100, 64, 100));
    assertEquals("body: expected at most 100 bytes", reject(small, " ".repeat(101)).getMessage());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new CodecLimits(0, 1, 1));
    assertEquals(CodecLimits.DEFAULT, ProtocolCodec.DEFAULT.limits());
    assertEquals(10 * 1024 * 1024, CodecLimits.DEFAULT.maxDocumentBytes());
  }

  private static String assertDecodes(ProtocolCodec c, String body) {
    try {
      Object data = c.decodeRequest(bytes(body)).data();
      return data instanceof dev.sustain.protocol.message.PromiseGet g ? g.id()
          : ((dev.sustain.protocol.message.PromiseCreate) data).id();
    } catch (DecodeException e) {
      throw new AssertionError("expected to decode: " + e.getMessage(), e);
    }
  }

  @org.junit.jupiter.api.Test
  void surrogatePairsEscapedOrRawAreAccepted() throws DecodeException {
    var escaped = codec.decodeRequest(bytes(request("promise.get", "{\"id\":\"a\\ud83d\\ude00\"}")));
    var raw = codec.decodeRequest(bytes(request("promise.get", "{\"id\":\"a\uD83D\uDE00\"}")));
    org.junit.jupiter.api.Assertions.assertEquals(
        new dev.sustain.protocol.message.PromiseGet("a\uD83D\uDE00"), escaped.data());
    org.junit.jupiter.api.Assertions.assertEquals(escaped.data(), raw.data());
  }
}
