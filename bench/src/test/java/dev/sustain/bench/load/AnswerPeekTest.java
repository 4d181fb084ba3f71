package dev.sustain.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerPeekTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.DEFAULT;

  @Test
  void readsTheCorrIdAndStatusOfAnAnswerAndNothingOfAMessage() {
    String answer = new String(CODEC.encodeResponse(Response.error("promise.settle", "000000000009", 404,
        "Promise not found")), StandardCharsets.UTF_8);
    assertEquals(new AnswerPeek("000000000009", 404), AnswerPeek.of(answer));

    String execute = new String(CODEC.encodeMessage(new Execute("http://localhost:8001", new TaskRef("t", 0))),
        StandardCharsets.UTF_8);
    assertEquals(new AnswerPeek(null, 0), AnswerPeek.of(execute));
    assertEquals(new AnswerPeek(null, 0), AnswerPeek.of("not json"));
  }
}
