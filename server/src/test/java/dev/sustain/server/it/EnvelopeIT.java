package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §8 cases 1–9, 13 and 131 and a matrix of malformed requests, over HTTP against servers on the embedded
 * store: every bad request gets its exact 400 envelope (kind and corrId echoed as far as readable, data a
 * string, JSON content type, HTTP status = head.status), and the server keeps serving afterwards.
 */
class EnvelopeIT {
  private static final String V = ProtocolVersion.CURRENT;
  /** Ends an expected message whose rest is the JSON parser's own wording, which is not ours to pin. */
  private static final String PARSER_DETAIL = "…";

  private static Path dir;
  /** Debug mode off, the production configuration. */
  private static TestServer server;
  /** Debug mode on. */
  private static TestServer debugServer;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("sustain-envelope");
    server = TestServer.start("--db", dir.resolve("plain.db").toString());
    debugServer = TestServer.start("--debug", "--db", dir.resolve("debug.db").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (debugServer != null) {
      debugServer.close();
    }
    TempFiles.delete(dir);
  }

  static Stream<Arguments> badRequests() {
    String deep = "[".repeat(100) + "]".repeat(100);
    return Stream.of(
        // case 1
        Arguments.of("not json", "unknown", "0",
            "Invalid request envelope: body: expected a JSON object (Unrecognized token 'not'" + PARSER_DETAIL),
        Arguments.of("", "unknown", "0", "Invalid request envelope: body: expected a JSON object (empty body)"),
        Arguments.of("[]", "unknown", "0", "Invalid request envelope: body: expected a JSON object"),
        // case 2
        Arguments.of(envelope("\"\"", "\"c2\"", V, "{}"), "", "c2",
            "Invalid request envelope: kind: expected a non-empty string"),
        Arguments.of(envelope("7", "\"c2b\"", V, "{}"), "unknown", "c2b",
            "Invalid request envelope: kind: expected a non-empty string"),
        // case 3
        Arguments.of(envelope("\"promise.get\"", "\"c3\"", V, "[{\"id\":\"p\"}]"), "promise.get", "c3",
            "Invalid request envelope: data: expected an object"),
        Arguments.of(envelope("\"promise.get\"", "\"c3b\"", V, "\"p\""), "promise.get", "c3b",
            "Invalid request envelope: data: expected an object"),
        // case 4
        Arguments.of(envelope("\"promise.get\"", "\"c4\"", "2025-01-01", "{\"id\":\"p\"}"), "promise.get", "c4",
            "Invalid request envelope: head.version: unsupported protocol version '2025-01-01', supported "
                + "versions: [2026-04-01]"),
        // case 5
        Arguments.of("{\"kind\":\"promise.get\",\"head\":{\"version\":\"" + V + "\"},\"data\":{\"id\":\"p\"}}",
            "promise.get", "0", "Invalid request envelope: head.corrId: expected a string"),
        Arguments.of(envelope("\"promise.get\"", "5", V, "{\"id\":\"p\"}"), "promise.get", "0",
            "Invalid request envelope: head.corrId: expected a string"),
        // case 6
        Arguments.of(envelope("\"promise.frobnicate\"", "\"c6\"", V, "{}"), "promise.frobnicate", "c6",
            "Unknown operation: promise.frobnicate"),
        // wrong types inside data: the typed decode names the path
        Arguments.of(envelope("\"promise.create\"", "\"c7\"", V, "{\"id\":\"p\",\"timeoutAt\":\"soon\"}"),
            "promise.create", "c7", "Invalid request: data.timeoutAt: expected a non-negative integer"),
        Arguments.of(envelope("\"promise.get\"", "\"c8\"", V, "{\"id\":7}"), "promise.get", "c8",
            "Invalid request: data.id: expected a string"),
        // value rules after decoding
        Arguments.of(envelope("\"promise.create\"", "\"c9\"", V, "{\"id\":\"\",\"timeoutAt\":5}"),
            "promise.create", "c9", "data.id: Promise ID is required"),
        // nesting beyond the codec's bound
        Arguments.of(envelope("\"promise.get\"", "\"c10\"", V, "{\"id\":\"p\",\"x\":" + deep + "}"), "unknown",
            "0", "Invalid request envelope: body: expected JSON nested at most 64 levels deep"),
        // trailing garbage after the object
        Arguments.of(envelope("\"promise.get\"", "\"c11\"", V, "{\"id\":\"p\"}") + " {}", "unknown", "0",
            "Invalid request envelope: body: expected a JSON object (" + PARSER_DETAIL));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void malformedRequestsGetTheirExact400AndTheServerKeepsServing(
      String body, String kind, String corrId, String message) {
    HttpResponse<String> answer = server.client().post(body);
    assertEquals(400, answer.statusCode(), answer.body());
    assertErrorEnvelope(answer, kind, corrId, 400, message);
    assertStillServing(server);
  }

  @Test
  void validRequestsEchoKindAndCorrIdWithTheCurrentVersion() {
    // case 7
    HttpResponse<String> answer = server.client().post(
        envelope("\"promise.create\"", "\"echo-1\"", V, "{\"id\":\"echo\",\"timeoutAt\":9999999999999}"));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("application/json", answer.headers().firstValue("content-type").orElse(""));
    JsonObject json = new JsonObject(answer.body());
    assertEquals("promise.create", json.getString("kind"));
    assertEquals("echo-1", json.getJsonObject("head").getString("corrId"));
    assertEquals(200, json.getJsonObject("head").getInteger("status"));
    assertEquals(V, json.getJsonObject("head").getString("version"));
    assertEquals("pending", json.getJsonObject("data").getJsonObject("promise").getString("state"));
  }

  @Test
  void extraHeadKeysAreIgnored() {
    // case 8
    Response<?> response = server.client().send(new Request<>(
        new RequestHead("origin-1", V, null, null, Map.of("resonate:origin", "x")),
        new PromiseCreate("origin", 9_999_999_999_999L, null, null)));
    assertEquals(200, response.status());
    assertInstanceOf(PromiseCreateResult.class, response.data());
  }

  @Test
  void aMissingPromiseIsAJson404WithAStringMessage() {
    // case 9
    HttpResponse<String> answer = server.client().post(
        envelope("\"promise.get\"", "\"nf-1\"", V, "{\"id\":\"no-such-promise\"}"));
    assertEquals(404, answer.statusCode());
    assertErrorEnvelope(answer, "promise.get", "nf-1", 404, "Promise not found");
  }

  @Test
  void debugTimeIsIgnoredWithoutDebugMode() {
    // case 13
    long before = System.currentTimeMillis();
    Response<?> response = server.client().send(new PromiseCreate("wall-clock", 9_999_999_999_999L, null, null), 1_000L);
    long after = System.currentTimeMillis();
    long createdAt = ((PromiseCreateResult) response.data()).promise().createdAt();
    assertTrue(createdAt >= before - 1 && createdAt <= after + 1, "createdAt " + createdAt + " is the wall clock");
  }

  @Test
  void debugTimeIsNowInDebugMode() {
    Response<?> response = debugServer.client().send(new PromiseCreate("debug-clock", 5_000L, null, null), 1_000L);
    assertEquals(1_000L, ((PromiseCreateResult) response.data()).promise().createdAt());
  }

  @Test
  void debugKindsAreForbiddenWithoutDebugMode() {
    // case 131: forbidden even when the request would otherwise be malformed, as the gate comes first
    Response<?> response = server.client().send(new DebugSnap(), null);
    assertEquals(403, response.status());
    assertEquals(new ErrorMessage("Debug operations are disabled"), response.data());
    HttpResponse<String> answer = server.client().post(envelope("\"debug.tick\"", "\"dt\"", V, "{\"time\":\"x\"}"));
    assertErrorEnvelope(answer, "debug.tick", "dt", 403, "Debug operations are disabled");
  }

  @Test
  void debugTickMustMatchDebugTime() {
    HttpResponse<String> answer = debugServer.client().post("{\"kind\":\"debug.tick\",\"head\":{\"corrId\":\"t1\","
        + "\"version\":\"" + V + "\",\"resonate:debug_time\":5},\"data\":{\"time\":6}}");
    assertErrorEnvelope(answer, "debug.tick", "t1", 400, "resonate:debug_time must equal data.time");
  }

  static String envelope(String kindJson, String corrIdJson, String version, String dataJson) {
    return "{\"kind\":" + kindJson + ",\"head\":{\"corrId\":" + corrIdJson + ",\"version\":\"" + version
        + "\"},\"data\":" + dataJson + "}";
  }

  static void assertErrorEnvelope(HttpResponse<String> answer, String kind, String corrId, int status, String message) {
    assertEquals(status, answer.statusCode(), answer.body());
    assertEquals("application/json", answer.headers().firstValue("content-type").orElse(""));
    JsonObject json = new JsonObject(answer.body());
    assertEquals(kind, json.getString("kind"));
    assertEquals(corrId, json.getJsonObject("head").getString("corrId"));
    assertEquals(status, json.getJsonObject("head").getInteger("status"));
    assertEquals(V, json.getJsonObject("head").getString("version"));
    assertInstanceOf(String.class, json.getValue("data"), "error data is a string");
    if (message.endsWith(PARSER_DETAIL)) {
      String prefix = message.substring(0, message.length() - PARSER_DETAIL.length());
      assertTrue(json.getString("data").startsWith(prefix), json.getString("data"));
    } else {
      assertEquals(message, json.getString("data"));
    }
  }

  static void assertStillServing(TestServer target) {
    Response<?> response = target.client().send(new PromiseGet("still-serving"), null);
    assertEquals(404, response.status());
  }
}
