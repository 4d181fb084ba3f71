package dev.sustain.protocol.codec.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames {@code text/event-stream} events (WHATWG HTML §9.2). Events carry no {@code event:} or {@code id:} field:
 * the SDK's EventSource listens to the default {@code message} event only.
 *
 * <p>Stateless and thread-safe.
 */
public final class SseWriter {

  /** {@code : keep-alive\n\n}: a comment EventSource ignores, so idle proxies see traffic. */
  public static final byte[] KEEP_ALIVE = comment("keep-alive");

  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  private SseWriter() {}

  /**
   * One event whose data is {@code payload} (UTF-8, usually single-line JSON): {@code data: <payload>\n\n}. A
   * payload that contains line breaks is split over several {@code data:} lines, which the reader joins back with
   * {@code \n}, so no payload can end the event early or inject fields.
   */
  public static byte[] event(byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + DATA.length + 2);
    out.write(DATA, 0, DATA.length);
    for (int i = 0; i < payload.length; i++) {
      byte b = payload[i];
      if (b == '\r' || b == '\n') {
        if (b == '\r' && i + 1 < payload.length && payload[i + 1] == '\n') {
          i++;
        }
        out.write('\n');
        out.write(DATA, 0, DATA.length);
      } else {
        out.write(b);
      }
    }
    out.write('\n');
    out.write('\n');
    return out.toByteArray();
  }

  /** One event whose data is {@code text}, see {@link #event(byte[])}. */
  public static byte[] event(String text) {
    return event(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A comment block {@code : <text>\n\n}. Line breaks in {@code text} become separate comment lines so the text
   * cannot start a field.
   */
  public static byte[] comment(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 4);
    for (String line : text.split("\r\n|\r|\n", -1)) {
      sb.append(": ").append(line).append('\n');
    }
    sb.append('\n');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
