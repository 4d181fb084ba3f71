package dev.sustain.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The top-level {@code kind} and the {@code head.corrId} / {@code head.status} of an envelope or message, read
 * without decoding the rest. A socket that carries both answers and pushed messages (the WebSocket transport)
 * needs them to route a frame — answer or message, and to which request — before the full decode, which for an
 * answer requires the request's kind. A streaming pass that stops as soon as it has seen the head; anything
 * malformed yields nulls and is left for the full decode to report. Immutable.
 *
 * @param kind {@code kind} if it is a string, else {@code null}
 * @param corrId {@code head.corrId} if it is a string, else {@code null} (pushed messages have none)
 * @param status {@code head.status} if it is an integer, else {@code null} (requests and messages have none)
 */
public record FrameHead(String kind, String corrId, Integer status) {
  private static final FrameHead NONE = new FrameHead(null, null, null);
  private static final JsonFactory FACTORY = new JsonFactory();

  public static FrameHead peek(byte[] json) {
    String kind = null;
    FrameHead head = null;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NONE;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME && (kind == null || head == null)) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
          kind = p.getText();
        } else if ("head".equals(field) && value == JsonToken.START_OBJECT) {
          head = head(p);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // Malformed frames are reported by the full decode; the peek only routes.
    }
    return head == null ? new FrameHead(kind, null, null) : new FrameHead(kind, head.corrId, head.status);
  }

  private static FrameHead head(JsonParser p) throws IOException {
    String corrId = null;
    Integer status = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("corrId".equals(field) && value == JsonToken.VALUE_STRING) {
        corrId = p.getText();
      } else if ("status".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
        status = p.getIntValue();
      } else {
        p.skipChildren();
      }
    }
    return new FrameHead(null, corrId, status);
  }
}
