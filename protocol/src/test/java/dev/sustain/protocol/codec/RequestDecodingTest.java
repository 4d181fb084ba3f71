package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.model.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the decoder accepts beyond the golden fixtures, and the peeks authorization relies on. */
class RequestDecodingTest {
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String request(String kind, String data) {
    return "{\"kind\":\"" + kind + "\",\"head\":{\"corrId\":\"c1\",\"version\":\"2026-04-01\"},\"data\":" + data + "}";
  }

  @Test
  void envelopeKeepsStringHeadKeysAndIgnoresOthers() throws Exception {
    Envelope envelope = codec.decodeEnvelope(bytes("{\"kind\":\"task.get\",\"head\":{\"corrId\":\"c\","
        + "\"version\":\"2026-04-01\",\"auth\":\"jwt\",\"resonate:debug_time\":42,\"resonate:origin\":\"wf\","
        + "\"trace\":{\"a\":1},\"n\":5},\"data\":{\"id\":\"t\"}}"));
    assertEquals("task.get", envelope.kind());
    assertEquals(new RequestHead("c", "2026-04-01", "jwt", 42L, Map.of("resonate:origin", "wf")), envelope.head());
  }

  @Test
  void envelopeOfAnUnknownKindDecodesSoTheServerCanAnswerIt() throws Exception {
    Envelope envelope = codec.decodeEnvelope(bytes(request("promise.frobnicate", "{}")));
    assertEquals("promise.frobnicate", envelope.kind());
    assertEquals(Optional.empty(), Kind.fromWire(envelope.kind()));
  }

  @Test
  void decodeDataChecksTheGivenKindsFields() throws Exception {
    Envelope envelope = codec.decodeEnvelope(bytes(request("task.get", "{\"id\":\"t\",\"extra\":[1]}")));
    assertEquals(new dev.sustain.protocol.message.TaskGet("t"), codec.decodeData(Kind.TASK_GET, envelope));
    DecodeException e = assertThrows(DecodeException.class, () -> codec.decodeData(Kind.TASK_RELEASE, envelope));
    assertEquals("data.version: expected a non-negative integer", e.getMessage());
    assertEquals("task.get", e.kind());
  }

  @Test
  void omittedOrNullOptionalFieldsTakeTheirDefaults() throws Exception {
    PromiseCreate omitted = (PromiseCreate) codec.decodeRequest(bytes(request("promise.create",
        "{\"id\":\"p\",\"timeoutAt\":5}"))).data();
    assertEquals(new PromiseCreate("p", 5, Value.EMPTY, Map.of()), omitted);
    PromiseCreate nulls = (PromiseCreate) codec.decodeRequest(bytes(request("promise.create",
        "{\"id\":\"p\",\"timeoutAt\":5,\"param\":null,\"tags\":null}"))).data();
    assertEquals(omitted, nulls);
    PromiseCreate emptyValue = (PromiseCreate) codec.decodeRequest(bytes(request("promise.create",
        "{\"id\":\"p\",\"timeoutAt\":5,\"param\":{}}"))).data();
    assertEquals(Value.EMPTY, emptyValue.param());
  }

  @Test
  void valueRulesAreLeftToRequestRules() throws Exception {
    PromiseCreate negative = (PromiseCreate) codec.decodeRequest(bytes(request("promise.create",
        "{\"id\":\"\",\"timeoutAt\":-1}"))).data();
    assertEquals(-1, negative.timeoutAt());
    TaskHeartbeat empty = (TaskHeartbeat) codec.decodeRequest(bytes(request("task.heartbeat",
        "{\"pid\":\"w\",\"tasks\":[]}"))).data();
    assertEquals(List.of(), empty.tasks());
  }

  @Test
  void outOfIntRangeLimitsAreClampedForTheRangeRule() throws Exception {
    PromiseSearch high = (PromiseSearch) codec.decodeRequest(bytes(request("promise.search",
        "{\"limit\":5000000000}"))).data();
    assertEquals(Integer.MAX_VALUE, high.limit());
    PromiseSearch low = (PromiseSearch) codec.decodeRequest(bytes(request("promise.search",
        "{\"limit\":-5000000000}"))).data();
    assertEquals(Integer.MIN_VALUE, low.limit());
  }

  @Test
  void nestedActionHeadIsOptionalAndFreeForm() throws Exception {
    String settle = "\"data\":{\"id\":\"p\",\"state\":\"resolved\"}";
    TaskFence absent = (TaskFence) codec.decodeRequest(bytes(request("task.fence",
        "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.settle\"," + settle + "}}"))).data();
    assertNull(absent.action().head());
    TaskFence scalar = (TaskFence) codec.decodeRequest(bytes(request("task.fence",
        "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.settle\",\"head\":7," + settle + "}}"))).data();
    assertNull(scalar.action().head());
    TaskFence partial = (TaskFence) codec.decodeRequest(bytes(request("task.fence",
        "{\"id\":\"t\",\"version\":1,\"action\":{\"kind\":\"promise.settle\",\"head\":{\"corrId\":3,"
            + "\"resonate:origin\":\"wf\"}," + settle + "}}"))).data();
    assertEquals(new RequestHead(null, null, null, null, Map.of("resonate:origin", "wf")), partial.action().head());
    assertEquals("promise.settle", partial.action().kind());
  }

  @Test
  void rawDataPeeksAtResourceIdsWithoutDecoding() throws Exception {
    Envelope fence = codec.decodeEnvelope(GoldenFixtures.all("requests").stream()
        .filter(f -> f.name().equals("task.fence.json")).findFirst().orElseThrow().bytes());
    assertEquals(Optional.of("capmx2uvzd0-wf:0"), fence.data().text("action", "data", "id"));
    assertEquals(Optional.of("capmx2uvzd0-wf"), fence.data().text("id"));
    assertEquals(Optional.empty(), fence.data().text("version"));
    assertEquals(Optional.empty(), fence.data().text("action", "nothing", "id"));
    assertEquals(Optional.empty(), fence.data().text("id", "deeper"));

    Envelope suspend = codec.decodeEnvelope(bytes(request("task.suspend", "{\"id\":\"t\",\"actions\":["
        + "{\"data\":{\"awaited\":\"a\"}},{\"data\":{\"awaited\":5}},7,{\"data\":{\"awaited\":\"b\"}}]}")));
    assertEquals(List.of("a", "b"), suspend.data().texts("actions", "data", "awaited"));
    assertEquals(List.of(), suspend.data().texts("id", "x"));

    Envelope heartbeat = codec.decodeEnvelope(bytes(request("task.heartbeat",
        "{\"pid\":\"w\",\"tasks\":[{\"id\":\"t1\",\"version\":1},{\"id\":\"t2\",\"version\":1}]}")));
    assertEquals(List.of("t1", "t2"), heartbeat.data().texts("tasks", "id"));
  }
}
