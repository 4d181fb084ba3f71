package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameHeadTest {
  private static FrameHead peek(String json) {
    return FrameHead.peek(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answersGiveKindCorrIdAndStatusWhateverTheFieldOrder() {
    assertEquals(new FrameHead("promise.get", "c1", 404),
        peek("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"status\":404,\"version\":\"2026-04-01\"},"
            + "\"data\":\"Promise not found\"}"));
    assertEquals(new FrameHead("task.get", "c2", 200),
        peek("{\"data\":{\"task\":{}},\"head\":{\"status\":200,\"x\":[1,{}],\"corrId\":\"c2\"},\"kind\":\"task.get\"}"));
  }

  @Test
  void pushedMessagesAndRequestsHaveNoStatus() {
    assertEquals(new FrameHead("execute", null, null),
        peek("{\"kind\":\"execute\",\"head\":{\"serverUrl\":\"http://x\"},\"data\":{\"task\":{\"id\":\"t\",\"version\":0}}}"));
    assertEquals(new FrameHead("promise.get", "c3", null),
        peek("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c3\",\"version\":\"2026-04-01\"},\"data\":{}}"));
  }

  @Test
  void malformedFramesYieldWhatWasReadBeforeTheFault() {
    assertEquals(new FrameHead(null, null, null), peek("not json"));
    assertEquals(new FrameHead(null, null, null), peek("[1,2]"));
    assertEquals(new FrameHead(null, null, null), peek("{\"kind\":1,\"head\":\"x\"}"));
    assertEquals(new FrameHead("promise.get", null, null), peek("{\"kind\":\"promise.get\",\"head\":{\"corrId\":"));
    assertEquals(new FrameHead(null, "c4", null), peek("{\"head\":{\"corrId\":\"c4\",\"status\":\"200\"}}"));
  }

  @Test
  void httpErrorBodiesAreJsonObjectsWithAnEscapedMessage() {
    assertEquals("{\"error\":\"gone \\\"here\\\"\"}",
        new String(ProtocolCodec.DEFAULT.encodeHttpError("gone \"here\""), StandardCharsets.UTF_8));
  }
}
