package dev.sustain.client.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads only the top-level {@code kind} and {@code head.corrId} of a WebSocket text frame, so the transport can
 * tell a pushed message from an answer and find the request an answer belongs to before paying for the full
 * decode (which {@code ProtocolCodec.decodeResponse} needs the request's kind for). A streaming pass that stops
 * as soon as both are known; anything malformed yields nulls and is left for the codec to report. Immutable.
 *
 * @param kind the frame's {@code kind} if it is a string, else {@code null}
 * @param corrId the frame's {@code head.corrId} if it is a string, else {@code null}
 */
record FramePeek(String kind, String corrId) {
  private static final JsonFactory FACTORY = new JsonFactory();

  static FramePeek of(byte[] json) {
    String kind = null;
    String corrId = null;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new FramePeek(null, null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME && (kind == null || corrId == null)) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
          kind = p.getText();
        } else if ("head".equals(field) && value == JsonToken.START_OBJECT) {
          corrId = headCorrId(p);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // Malformed frames are reported by the full decode; the peek only routes.
    }
    return new FramePeek(kind, corrId);
  }

  private static String headCorrId(JsonParser p) throws IOException {
    String corrId = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("corrId".equals(field) && value == JsonToken.VALUE_STRING) {
        corrId = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return corrId;
  }
}
