package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.validate.RequestRules;
import dev.sustain.protocol.validate.RuleOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every 400 golden fixture is exactly what the decode → validate pipeline answers for some request, so the
 * fixtures show real Sustain messages, not invented ones.
 */
class GoldenBadRequestTest {
  /** A request data object per kind that must produce that kind's 400 fixture. */
  private static final Map<String, String> CAUSES = Map.ofEntries(
      Map.entry("promise.create", "{\"id\":\"p\",\"timeoutAt\":-1}"),
      Map.entry("promise.register_callback", "{\"awaited\":\"wf\",\"awaiter\":\"wf\"}"),
      Map.entry("promise.register_listener", "{\"awaited\":\"wf\",\"address\":\"bash://\"}"),
      Map.entry("promise.search", "{\"limit\":1001}"),
      Map.entry("task.create", "{\"pid\":\"w\",\"ttl\":1,\"action\":{\"kind\":\"promise.create\",\"data\":"
          + "{\"id\":\"wf\",\"timeoutAt\":5}}}"),
      Map.entry("task.fulfill", "{\"id\":\"wf\",\"version\":1,\"action\":{\"kind\":\"promise.settle\",\"data\":"
          + "{\"id\":\"other\",\"state\":\"resolved\"}}}"),
      Map.entry("task.suspend", "{\"id\":\"wf\",\"version\":1,\"actions\":[]}"),
      Map.entry("task.fence", "{\"id\":\"wf\",\"version\":1,\"action\":{\"kind\":\"promise.create\",\"data\":"
          + "{\"id\":\"wf\",\"timeoutAt\":5}}}"),
      Map.entry("task.heartbeat", "{\"pid\":\"\",\"tasks\":[]}"),
      Map.entry("schedule.create", "{\"id\":\"s\",\"cron\":\"* * * * *\",\"promiseId\":\"p\",\"promiseTimeout\":1}"),
      Map.entry("debug.tick", "{\"time\":\"now\"}"));

  static Stream<GoldenFixtures.Fixture> badRequests() {
    return GoldenFixtures.responses().filter(f -> f.status() == 400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void fixtureMessageIsWhatThePipelineAnswers(GoldenFixtures.Fixture fixture) throws Exception {
    String data = CAUSES.get(fixture.kind());
    String body = "{\"kind\":\"" + fixture.kind() + "\",\"head\":{\"corrId\":\"c\",\"version\":\"2026-04-01\"},"
        + "\"data\":" + data + "}";
    String answer;
    try {
      Request<?> request = ProtocolCodec.DEFAULT.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
      answer = RequestRules.describe(RequestRules.check(request.data(), RuleOptions.DEFAULT));
    } catch (DecodeException e) {
      answer = e.getMessage();
    }
    ErrorMessage expected =
        (ErrorMessage) ProtocolCodec.DEFAULT.decodeResponse(fixture.requestKind(), fixture.bytes()).data();
    assertEquals(expected.message(), answer);
  }

  @Test
  void everyCauseBelongsToAFixture() {
    assertEquals(CAUSES.keySet(), badRequests().map(GoldenFixtures.Fixture::kind).collect(Collectors.toSet()));
  }
}
