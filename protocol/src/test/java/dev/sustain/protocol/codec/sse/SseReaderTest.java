package dev.sustain.protocol.codec.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private final List<SseEvent> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final SseReader reader =
      new SseReader(
          new SseReader.Listener() {
            @Override
            public void event(SseEvent event) {
              events.add(event);
            }

            @Override
            public void comment(String text) {
              comments.add(text);
            }
          });

  private void feed(String s) {
    reader.feed(s.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> data() {
    return events.stream().map(SseEvent::data).toList();
  }

  @Test
  void singleDataLineEventsAreDispatchedOnTheBlankLine() {
    feed("data: {\"kind\":\"execute\"}\n");
    assertEquals(List.of(), events);
    feed("\ndata: second\n\n");
    assertEquals(List.of("{\"kind\":\"execute\"}", "second"), data());
    assertEquals(SseEvent.MESSAGE, events.get(0).type());
  }

  @Test
  void everyLineEndingIsAcceptedEvenWhenCrAndLfArriveInDifferentChunks() {
    feed("data: a\r\n\r\n");
    feed("data: b\r\r");
    feed("data: c\n\n");
    feed("data: d\r");
    feed("\n\r");
    feed("\n");
    assertEquals(List.of("a", "b", "c", "d"), data());
  }

  @Test
  void multiLineDataIsJoinedWithNewlines() {
    feed("data: line one\ndata:line two\ndata\n\n");
    assertEquals(List.of("line one\nline two\n"), data());
  }

  @Test
  void commentsAreReportedAndNeverBecomeEvents() {
    feed(": keep-alive\n\n:no-space\n\n");
    assertEquals(List.of(), events);
    assertEquals(List.of("keep-alive", "no-space"), comments);
  }

  @Test
  void eventTypeIdAndRetryFieldsAreParsedAndUnknownFieldsIgnored() {
    feed("event: custom\nid: 7\nretry: 1500\nfoo: bar\ndata: x\n\ndata: y\n\nretry: soon\n");
    assertEquals("custom", events.get(0).type());
    assertEquals("7", events.get(0).lastEventId());
    assertEquals(SseEvent.MESSAGE, events.get(1).type());
    assertEquals("7", events.get(1).lastEventId());
    assertEquals(1500, reader.retry());
  }

  @Test
  void anEventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeak() {
    feed("event: ghost\n\ndata: real\n\n");
    assertEquals(1, events.size());
    assertEquals(SseEvent.MESSAGE, events.get(0).type());
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    reader.feed(bom);
    feed("data: after bom\n\n");
    assertEquals(List.of("after bom"), data());
  }

  @Test
  void anUnterminatedEventIsNotDispatched() {
    feed("data: partial\n");
    assertEquals(List.of(), events);
  }

  @Test
  void writerOutputFedInRandomChunksRoundTrips() {
    List<String> payloads = new ArrayList<>();
    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      String payload = "{\"kind\":\"unblock\",\"n\":" + i + ",\"text\":\"é€𝄞 " + i + "\"}";
      payloads.add(payload);
      stream.writeBytes(SseWriter.event(payload));
      if (i % 10 == 0) {
        stream.writeBytes(SseWriter.KEEP_ALIVE);
      }
    }
    byte[] all = stream.toByteArray();
    Random random = new Random(42);
    int at = 0;
    while (at < all.length) {
      int len = Math.min(all.length - at, 1 + random.nextInt(7));
      reader.feed(all, at, len);
      at += len;
    }
    assertEquals(payloads, data());
    assertEquals(20, comments.size());
  }

  @Test
  void oversizedLinesAndEventsFail() {
    SseReader small = new SseReader(e -> {}, 16, 20);
    assertThrows(SseLimitException.class, () -> small.feed("data: 0123456789abcdef\n".getBytes(StandardCharsets.UTF_8)));
    SseReader smallEvent = new SseReader(e -> {}, 64, 20);
    smallEvent.feed("data: 0123456789\n".getBytes(StandardCharsets.UTF_8));
    assertThrows(SseLimitException.class, () -> smallEvent.feed("data: 0123456789\n".getBytes(StandardCharsets.UTF_8)));
  }
}
