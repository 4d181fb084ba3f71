package dev.sustain.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of JSON tree fields that fail with a {@link DecodeException} naming the field's path. Paths are
 * passed down as the parent's path and only concatenated when descending or failing, so a well-formed request
 * builds a handful of strings. One instance per decode call (it carries the request's kind and corrId);
 * not thread-safe, never shared.
 *
 * <p>An explicit JSON {@code null} counts as absent: serde's {@code Option} (the reference server) reads it so,
 * and an optional field sent as {@code null} is better accepted than answered with a 400 the SDK would retry.
 */
final class NodeReader {
  static final String STRING = "expected a string";
  static final String INTEGER = "expected an integer";
  static final String NON_NEGATIVE = "expected a non-negative integer";
  static final String POSITIVE = "expected a positive integer";
  static final String OBJECT = "expected an object";
  static final String ARRAY = "expected an array";
  static final String STRING_MAP = "expected an object of strings";
  static final String UNICODE = "expected well-formed Unicode text (it contains an unpaired surrogate escape)";

  private final String kind;
  private final String corrId;

  NodeReader(String kind, String corrId) {
    this.kind = kind;
    this.corrId = corrId;
  }

  DecodeException fail(String path, String expectation) {
    return new DecodeException(kind, corrId, path, expectation);
  }

  static String child(String path, String name) {
    return path + "." + name;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  /** The field's node, or {@code null} if missing or JSON {@code null}. */
  static JsonNode present(JsonNode obj, String name) {
    JsonNode node = obj.get(name);
    return node == null || node.isNull() ? null : node;
  }

  /** The field's text if it is a string, else {@code null}: for enum fields, whose one message covers all. */
  static String textOrNull(JsonNode obj, String name) {
    JsonNode node = obj.get(name);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  String string(JsonNode obj, String path, String name) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null || !node.isTextual()) {
      throw fail(child(path, name), STRING);
    }
    return wellFormed(node.textValue(), path, name);
  }

  /**
   * JSON escapes can smuggle a lone UTF-16 surrogate ({@code "\ud800"}) into a string; it has no UTF-8 form, so a
   * store would silently replace it and two different ids could become one row. Refusing it at the boundary keeps
   * every stored string exactly what was sent.
   */
  String wellFormed(String text, String path, String name) throws DecodeException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw fail(child(path, name), UNICODE);
      }
    }
    return text;
  }

  String optString(JsonNode obj, String path, String name) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw fail(child(path, name), STRING);
    }
    return wellFormed(node.textValue(), path, name);
  }

  /**
   * A JSON integer within the signed 64-bit range; {@code 1.5}, {@code 1.0}, {@code "1"} and {@code true} are
   * rejected. The sign is not checked here: that is a value rule with its own message.
   */
  long integer(JsonNode obj, String path, String name, String expectation) throws DecodeException {
    Long value = optInteger(obj, path, name, expectation);
    if (value == null) {
      throw fail(child(path, name), expectation);
    }
    return value;
  }

  Long optInteger(JsonNode obj, String path, String name, String expectation) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail(child(path, name), expectation);
    }
    return node.longValue();
  }

  ObjectNode object(JsonNode obj, String path, String name) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null || !node.isObject()) {
      throw fail(child(path, name), OBJECT);
    }
    return (ObjectNode) node;
  }

  ArrayNode array(JsonNode obj, String path, String name) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null || !node.isArray()) {
      throw fail(child(path, name), ARRAY);
    }
    return (ArrayNode) node;
  }

  /** A required object whose every value is a string, in document order. */
  Map<String, String> stringMap(JsonNode obj, String path, String name) throws DecodeException {
    Map<String, String> map = optStringMap(obj, path, name);
    if (map == null) {
      throw fail(child(path, name), STRING_MAP);
    }
    return map;
  }

  Map<String, String> optStringMap(JsonNode obj, String path, String name) throws DecodeException {
    JsonNode node = present(obj, name);
    if (node == null) {
      return null;
    }
    String mapPath = child(path, name);
    if (!node.isObject()) {
      throw fail(mapPath, STRING_MAP);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isTextual()) {
        throw fail(child(mapPath, field.getKey()), STRING);
      }
      wellFormed(field.getKey(), path, name);
      out.put(field.getKey(), wellFormed(field.getValue().textValue(), mapPath, field.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }
}
