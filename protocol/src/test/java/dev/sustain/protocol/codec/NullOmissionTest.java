package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSearchResult;
import dev.sustain.protocol.message.ScheduleGetResult;
import dev.sustain.protocol.message.ScheduleSearchResult;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Absent optional members are left out of the JSON, never written as {@code null}: the SDK's type guards
 * discard a whole response over one {@code null} (spec §2.2).
 */
class NullOmissionTest {
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;

  private static final PromiseRecord PENDING = new PromiseRecord(
      "p", PromiseState.PENDING, Value.EMPTY, Value.EMPTY, Map.of(), 2000L, 1000L, null);

  private JsonNode data(Response<?> response) {
    byte[] json = codec.encodeResponse(response);
    assertFalse(new String(json, StandardCharsets.UTF_8).contains("null"));
    return GoldenFixtures.tree(json).get("data");
  }

  @Test
  void pendingPromiseHasNoSettledAtAndEmptyValuesAreEmptyObjects() {
    JsonNode promise = data(Response.of("promise.get", "c", 200, new PromiseGetResult(PENDING))).get("promise");
    assertFalse(promise.has("settledAt"));
    assertEquals(GoldenFixtures.tree("{}".getBytes(StandardCharsets.UTF_8)), promise.get("param"));
    assertEquals(0, promise.get("value").size());
    assertEquals(0, promise.get("tags").size());
    assertEquals(2000L, promise.get("timeoutAt").longValue());
  }

  @Test
  void valueWritesOnlyTheMembersItHas() {
    PromiseRecord p = new PromiseRecord("p", PromiseState.RESOLVED, new Value(Map.of(), null), new Value(null, ""),
        Map.of(), 2000L, 1000L, 1500L);
    JsonNode promise = data(Response.of("promise.get", "c", 200, new PromiseGetResult(p))).get("promise");
    assertTrue(promise.get("param").has("headers"));
    assertFalse(promise.get("param").has("data"));
    assertFalse(promise.get("value").has("headers"));
    assertEquals("", promise.get("value").get("data").textValue());
    assertEquals(1500L, promise.get("settledAt").longValue());
  }

  @Test
  void unacquiredTaskHasNoTtlOrPid() {
    TaskRecord task = new TaskRecord("t", TaskState.PENDING, 3, 0, null, null);
    JsonNode node = data(Response.of("task.get", "c", 200, new TaskGetResult(task))).get("task");
    assertFalse(node.has("ttl"));
    assertFalse(node.has("pid"));
    assertEquals(3, node.get("version").intValue());
    assertTrue(node.get("resumes").isNumber());
  }

  @Test
  void taskCreateWithoutTaskOmitsTheTaskKey() {
    JsonNode node = data(Response.of("task.create", "c", 200, new TaskCreateResult(null, PENDING, List.of())));
    assertFalse(node.has("task"));
    assertTrue(node.get("preload").isArray());
  }

  @Test
  void scheduleNeverRunHasNoLastRunAt() {
    ScheduleRecord s = new ScheduleRecord("s", "* * * * *", "{{.id}}", 10, Value.EMPTY, Map.of(), 1, 60000, null);
    JsonNode node = data(Response.of("schedule.get", "c", 200, new ScheduleGetResult(s))).get("schedule");
    assertFalse(node.has("lastRunAt"));
    assertEquals(60000L, node.get("nextRunAt").longValue());
  }

  @Test
  void lastSearchPageHasNoCursor() {
    assertFalse(data(Response.of("promise.search", "c", 200, new PromiseSearchResult(List.of(PENDING), null)))
        .has("cursor"));
    assertFalse(data(Response.of("task.search", "c", 200, new TaskSearchResult(List.of(), null))).has("cursor"));
    assertFalse(data(Response.of("schedule.search", "c", 200, new ScheduleSearchResult(List.of(), null)))
        .has("cursor"));
    assertEquals("p", data(Response.of("promise.search", "c", 200, new PromiseSearchResult(List.of(), "p")))
        .get("cursor").textValue());
  }

  @Test
  void executeWithoutServerUrlHasAnEmptyHead() {
    byte[] json = codec.encodeMessage(new Execute(null, new TaskRef("t", 0)));
    assertEquals("{\"kind\":\"execute\",\"head\":{},\"data\":{\"task\":{\"id\":\"t\",\"version\":0}}}",
        new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void requestWithoutOptionalFieldsOmitsThem() {
    Request<PromiseSearch> request =
        new Request<>(RequestHead.of("c", "2026-04-01"), new PromiseSearch(null, null, null, null));
    String json = new String(codec.encodeRequest(request), StandardCharsets.UTF_8);
    assertEquals("{\"kind\":\"promise.search\",\"head\":{\"corrId\":\"c\",\"version\":\"2026-04-01\"},\"data\":{}}",
        json);
    assertEquals(Kind.PROMISE_SEARCH, request.kind());
  }
}
