package dev.sustain.server.store.embedded;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text encoding of string maps (tags, headers) in JSON columns. Keys are written sorted so equal maps are
 * stored as equal text. Immutable; thread-safe.
 */
final class JsonColumns {
  private JsonColumns() {}

  static String encode(Map<String, String> map) {
    return new JsonObject(new TreeMap<String, Object>(map)).encode();
  }

  /** {@code null} stays {@code null}: an absent map is stored as SQL NULL, distinct from {@code {}}. */
  static String encodeNullable(Map<String, String> map) {
    return map == null ? null : encode(map);
  }

  static Map<String, String> decode(String text) {
    if (text == null) {
      return null;
    }
    JsonObject object;
    try {
      object = new JsonObject(text);
    } catch (DecodeException e) {
      throw new IllegalStateException("stored JSON column is not an object: " + text, e);
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (Map.Entry<String, Object> e : object) {
      if (!(e.getValue() instanceof String)) {
        throw new IllegalStateException("stored JSON column has a non-string value at " + e.getKey());
      }
      map.put(e.getKey(), (String) e.getValue());
    }
    return map;
  }
}
