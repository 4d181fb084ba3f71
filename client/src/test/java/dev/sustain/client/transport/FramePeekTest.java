package dev.sustain.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramePeekTest {

  private static FramePeek peek(String json) {
    return FramePeek.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsKindAndCorrIdWhateverTheirOrder() {
    assertEquals(new FramePeek("promise.get", "c1"),
        peek("{\"kind\":\"promise.get\",\"head\":{\"corrId\":\"c1\",\"status\":200},\"data\":{\"x\":[1,{}]}}"));
    assertEquals(new FramePeek("task.get", "c2"),
        peek("{\"data\":{\"kind\":\"nested\",\"head\":{\"corrId\":\"no\"}},\"head\":{\"status\":404,"
            + "\"corrId\":\"c2\"},\"kind\":\"task.get\"}"));
  }

  @Test
  void aMessageHasAKindAndNoCorrId() {
    assertEquals(new FramePeek("execute", null),
        peek("{\"kind\":\"execute\",\"head\":{\"serverUrl\":\"http://x\"},\"data\":{\"task\":{\"id\":\"t\"}}}"));
  }

  @Test
  void malformedInputYieldsNullsInsteadOfFailing() {
    assertEquals(new FramePeek(null, null), peek("not json"));
    assertEquals(new FramePeek(null, null), peek("[1,2]"));
    assertEquals(new FramePeek(null, null), peek("{\"kind\":1,\"head\":\"x\"}"));
    assertEquals(new FramePeek("promise.get", null), peek("{\"kind\":\"promise.get\",\"head\":{\"corrId\":"));
  }
}
