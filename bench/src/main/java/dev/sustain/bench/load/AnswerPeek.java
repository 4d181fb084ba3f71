package dev.sustain.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads only {@code head.corrId} and {@code head.status} of an answer received on a WebSocket, so the generator
 * can match it to its request and count it without decoding the whole record: a streaming pass that stops as
 * soon as both are known. Request/answer pairing is the only thing it needs; the protocol's types stay in
 * {@code sustain-protocol}. Immutable.
 *
 * @param corrId {@code head.corrId}, or {@code null} when absent (a pushed message) or the frame is malformed
 * @param status {@code head.status}, or 0 when absent
 */
record AnswerPeek(String corrId, int status) {
  private static final JsonFactory FACTORY = new JsonFactory();

  static AnswerPeek of(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new AnswerPeek(null, 0);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("head".equals(field) && value == JsonToken.START_OBJECT) {
          return head(p);
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      // A malformed answer matches no request; the request times out and is counted as an error.
    }
    return new AnswerPeek(null, 0);
  }

  private static AnswerPeek head(JsonParser p) throws IOException {
    String corrId = null;
    int status = 0;
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
    return new AnswerPeek(corrId, status);
  }
}
