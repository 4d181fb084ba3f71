package dev.sustain.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The undecoded {@code data} object of a request. Only read-only peeks are offered: authorization needs a few
 * resource ids before the typed decode runs, and must not depend on Jackson types. Immutable in practice: the
 * codec never hands out the underlying node.
 */
public final class RawData {
  private final ObjectNode node;

  RawData(ObjectNode node) {
    this.node = node;
  }

  ObjectNode node() {
    return node;
  }

  /**
   * The string at a path of object keys, e.g. {@code text("action", "data", "id")}; empty if any step is
   * missing or not an object, or the final value is not a string.
   */
  public Optional<String> text(String... path) {
    JsonNode current = node;
    for (String key : path) {
      if (!current.isObject()) {
        return Optional.empty();
      }
      current = current.get(key);
      if (current == null) {
        return Optional.empty();
      }
    }
    return current.isTextual() ? Optional.of(current.textValue()) : Optional.empty();
  }

  /**
   * The string at {@code path} inside every element of the array {@code arrayField}, e.g.
   * {@code texts("tasks", "id")} or {@code texts("actions", "data", "awaited")}; elements without such a
   * string are skipped.
   */
  public List<String> texts(String arrayField, String... path) {
    JsonNode array = node.get(arrayField);
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      JsonNode value = element;
      for (String key : path) {
        value = value.isObject() ? value.get(key) : null;
        if (value == null) {
          break;
        }
      }
      if (value != null && value.isTextual()) {
        out.add(value.textValue());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
