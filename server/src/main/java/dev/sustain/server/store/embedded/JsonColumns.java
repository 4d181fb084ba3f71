package dev.sustain.server.store.embedded;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text encoding of string maps (tags, headers) in JSON columns. Keys are written sorted so equal maps are
 * stored as equal text. Immutable; thread-safe.
 */
final class JsonColumns {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonColumns() {}

  /**
   * Streams the map straight to text: every promise insert encodes two maps on the writer thread, and going
   * through a {@link JsonObject} (a tree, then data binding) was measured at a seventh of that thread's time.
   */
  static String encode(Map<String, String> map) {
    if (map.isEmpty()) {
      return "{}";
    }
    Map<String, String> sorted =
        map instanceof SortedMap<String, String> s && s.comparator() == null ? map : new TreeMap<>(map);
    StringWriter out = new StringWriter(16 * map.size() + 2);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a string map could not be written as JSON", e);
    }
    return out.toString();
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
