package dev.sustain.protocol.codec.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseWriterTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void anEventIsOneDataLineAndABlankLine() {
    assertEquals("data: {\"kind\":\"execute\"}\n\n", text(SseWriter.event("{\"kind\":\"execute\"}")));
  }

  @Test
  void keepAliveIsAComment() {
    assertEquals(": keep-alive\n\n", text(SseWriter.KEEP_ALIVE));
  }

  @Test
  void lineBreaksInsidePayloadsCannotEndTheEventOrInjectFields() {
    String framed = text(SseWriter.event("a\n\nevent: evil\r\nb\rc"));
    assertEquals("data: a\ndata: \ndata: event: evil\ndata: b\ndata: c\n\n", framed);
    List<SseEvent> events = new ArrayList<>();
    new SseReader(events::add).feed(framed.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, events.size());
    assertEquals(SseEvent.MESSAGE, events.get(0).type());
    assertEquals("a\n\nevent: evil\nb\nc", events.get(0).data());
  }

  @Test
  void multiLineCommentsStayComments() {
    assertEquals(": one\n: two\n\n", text(SseWriter.comment("one\ntwo")));
  }
}
