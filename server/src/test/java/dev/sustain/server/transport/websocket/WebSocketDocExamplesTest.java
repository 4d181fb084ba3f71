package dev.sustain.server.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every JSON frame shown in {@code docs/websocket.md} is exactly what the codec reads and writes: decoding it and
 * encoding the result gives the same bytes back. Keeps the documented frame format from drifting.
 */
class WebSocketDocExamplesTest {
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern KIND = Pattern.compile("^\\{\"kind\":\"([^\"]+)\"");
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;

  @Test
  void everyDocumentedFrameRoundTripsThroughTheCodecUnchanged() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "websocket.md"));
    List<String> frames = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(doc);
    while (m.find()) {
      frames.add(m.group(1).trim());
    }
    assertTrue(frames.size() >= 5, "the doc shows a request, answers and both messages: " + frames.size());
    int requests = 0;
    int answers = 0;
    int messages = 0;
    for (String frame : frames) {
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      Matcher kind = KIND.matcher(frame);
      assertTrue(kind.find(), "a frame starts with its kind: " + frame);
      String again;
      if (kind.group(1).equals("execute") || kind.group(1).equals("unblock")) {
        Message message = codec.decodeMessage(bytes);
        again = new String(codec.encodeMessage(message), StandardCharsets.UTF_8);
        messages++;
      } else if (frame.contains("\"status\":")) {
        again = new String(codec.encodeResponse(codec.decodeResponse(Kind.fromWire(kind.group(1)).orElseThrow(),
            bytes)), StandardCharsets.UTF_8);
        answers++;
      } else {
        again = new String(codec.encodeRequest(codec.decodeRequest(bytes)), StandardCharsets.UTF_8);
        requests++;
      }
      assertEquals(frame, again);
    }
    assertTrue(requests >= 1 && answers >= 2 && messages == 2, requests + "/" + answers + "/" + messages);
  }
}
