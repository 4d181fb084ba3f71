package dev.sustain.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.model.SettleState;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.DEFAULT;

  @Test
  void renderedRequestsAreWhatTheCodecEncodesForThatIdAndCorrId() throws Exception {
    Templates templates = Templates.of(CODEC, "run-0-", 1_796_104_644_304L, "poll://any@run-workers");
    long n = 42;
    long corr = 7;
    String id = templates.id(n);
    String corrId = RequestTemplate.digits(corr);
    assertEquals("run-0-000000000042", id);

    byte[] create = templates.taskCreate().render(n, corr);
    Request<?> decoded = CODEC.decodeRequest(create);
    assertArrayEquals(CODEC.encodeRequest(decoded), create);
    assertEquals(corrId, decoded.head().corrId());
    assertEquals("promise.create", decoded.kind().wire());

    Request<?> settle = CODEC.decodeRequest(templates.settle().render(n, corr + 1));
    assertEquals(new PromiseSettle(id, SettleState.RESOLVED, Templates.RESULT), settle.data());
    assertEquals(RequestTemplate.digits(corr + 1), settle.head().corrId());
  }

  @Test
  void everyOccurrenceOfTheIdSlotIsPatched() throws Exception {
    RequestTemplate fulfill = RequestTemplate.of(CODEC, (id, corr) -> new Request<>(
        RequestHead.of(corr, ProtocolVersion.CURRENT),
        new TaskFulfill("t-" + id, 1, Action.of(new PromiseSettle("t-" + id, SettleState.RESOLVED, null),
            RequestHead.of("inner", ProtocolVersion.CURRENT)))));
    TaskFulfill data = (TaskFulfill) CODEC.decodeRequest(fulfill.render(5, 6)).data();
    assertEquals("t-000000000005", data.id());
    assertEquals("t-000000000005", data.action().data().id());
  }

  @Test
  void aTemplateWithoutItsCorrIdSlotOrANumberTooWideIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RequestTemplate.of(CODEC, (id, corr) -> new Request<>(
        RequestHead.of("fixed", ProtocolVersion.CURRENT), new PromiseSettle(id, SettleState.RESOLVED, null))));
    assertThrows(IllegalArgumentException.class, () -> RequestTemplate.digits(1_000_000_000_000L));
  }
}
