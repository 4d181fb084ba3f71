package dev.sustain.protocol.codec;

import static dev.sustain.protocol.codec.GoldenFixtures.canonical;
import static dev.sustain.protocol.codec.GoldenFixtures.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.validate.RequestRules;
import dev.sustain.protocol.validate.RuleOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden fixture survives decode → encode unchanged, and the records survive encode → decode. */
class GoldenFixturesTest {
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;

  static Stream<GoldenFixtures.Fixture> requests() {
    return GoldenFixtures.requests();
  }

  static Stream<GoldenFixtures.Fixture> responses() {
    return GoldenFixtures.responses();
  }

  static Stream<GoldenFixtures.Fixture> messages() {
    return GoldenFixtures.messages();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestRoundTripsThroughTheCodec(GoldenFixtures.Fixture fixture) throws Exception {
    Request<?> decoded = codec.decodeRequest(fixture.bytes());
    assertEquals(fixture.requestKind(), decoded.kind());
    byte[] encoded = codec.encodeRequest(decoded);
    assertEquals(canonical(tree(fixture.bytes())), tree(encoded));
    assertEquals(decoded, codec.decodeRequest(encoded));
    assertNoNull(encoded);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestPassesTheValueRulesInBothLineageModes(GoldenFixtures.Fixture fixture) throws Exception {
    Request<?> decoded = codec.decodeRequest(fixture.bytes());
    assertEquals("", RequestRules.describe(RequestRules.check(decoded.data(), RuleOptions.DEFAULT)));
    assertEquals("", RequestRules.describe(RequestRules.check(decoded.data(), RuleOptions.STRICT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responseRoundTripsThroughTheCodec(GoldenFixtures.Fixture fixture) throws Exception {
    Response<?> decoded = codec.decodeResponse(fixture.requestKind(), fixture.bytes());
    assertEquals(fixture.status().intValue(), decoded.status());
    assertEquals(fixture.status() != 200 && fixture.status() != 300, decoded.data() instanceof ErrorMessage);
    byte[] encoded = codec.encodeResponse(decoded);
    assertEquals(canonical(tree(fixture.bytes())), tree(encoded));
    assertEquals(decoded, codec.decodeResponse(fixture.requestKind(), encoded));
    assertNoNull(encoded);
  }

  /**
   * The encoder writes record fields in the order of the captures. Maps ({@code tags}, {@code headers}) and
   * values are skipped: their member order is the sender's, and the captures themselves vary there.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void responseFieldsFollowTheCaptureOrder(GoldenFixtures.Fixture fixture) throws Exception {
    byte[] encoded = codec.encodeResponse(codec.decodeResponse(fixture.requestKind(), fixture.bytes()));
    assertSameFieldOrder("", tree(fixture.bytes()), tree(encoded));
  }

  private static void assertSameFieldOrder(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      List<String> expectedNames = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedNames::add);
      List<String> actualNames = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualNames::add);
      assertEquals(expectedNames, actualNames, path);
      for (String name : expectedNames) {
        if (!UNORDERED.contains(name)) {
          assertSameFieldOrder(path + "." + name, expected.get(name), actual.get(name));
        }
      }
    } else if (expected.isArray()) {
      for (int i = 0; i < expected.size(); i++) {
        assertSameFieldOrder(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    }
  }

  private static final Set<String> UNORDERED = Set.of("tags", "promiseTags", "headers", "param", "value",
      "promiseParam");

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageRoundTripsThroughTheCodec(GoldenFixtures.Fixture fixture) throws Exception {
    Message decoded = codec.decodeMessage(fixture.bytes());
    assertEquals(fixture.kind(), decoded.kind());
    byte[] encoded = codec.encodeMessage(decoded);
    assertEquals(canonical(tree(fixture.bytes())), tree(encoded));
    assertEquals(decoded, codec.decodeMessage(encoded));
    assertNoNull(encoded);
  }

  private static void assertNoNull(byte[] encoded) {
    String text = new String(encoded, StandardCharsets.UTF_8);
    assertFalse(text.contains(":null"), text);
    assertTrue(text.startsWith("{"), text);
  }
}
