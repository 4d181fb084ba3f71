package dev.sustain.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sustain.protocol.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Access to the golden fixtures under {@code src/test/resources/golden} (see the README there). */
final class GoldenFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private GoldenFixtures() {}

  /** A fixture file; {@code kind} is the wire kind for requests/responses, the message kind for messages. */
  record Fixture(String folder, String name, String kind, Integer status, byte[] bytes) {
    @Override
    public String toString() {
      return folder + "/" + name;
    }

    Kind requestKind() {
      return Kind.fromWire(kind).orElseThrow();
    }
  }

  static List<Fixture> all(String folder) {
    Path dir;
    try {
      dir = Path.of(GoldenFixtures.class.getResource("/golden/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString))
          .map(p -> fixture(folder, p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Fixture fixture(String folder, Path file) {
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.length() - ".json".length());
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (folder.equals("messages")) {
      return new Fixture(folder, name, stem.split("\\.")[0], null, bytes);
    }
    // Kind names contain one dot; a request stem is <kind>[.<variant>], a response <kind>.<status>[.<variant>].
    String[] parts = stem.split("\\.");
    String kind = parts[0] + "." + parts[1];
    if (Kind.fromWire(kind).isEmpty()) {
      throw new IllegalStateException("fixture " + name + " names no kind");
    }
    Integer status = folder.equals("responses") ? Integer.valueOf(parts[2]) : null;
    return new Fixture(folder, name, kind, status, bytes);
  }

  static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tree the codec is expected to write back: {@code resumes} sent as an array or boolean comes back as
   * the count the codec folds it into (README, "Known non-identity").
   */
  static JsonNode canonical(JsonNode node) {
    JsonNode copy = node.deepCopy();
    foldResumes(copy);
    return copy;
  }

  private static void foldResumes(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode resumes = object.get("resumes");
      if (resumes != null && resumes.isArray()) {
        object.set("resumes", IntNode.valueOf(resumes.size()));
      } else if (resumes != null && resumes.isBoolean()) {
        object.set("resumes", IntNode.valueOf(resumes.booleanValue() ? 1 : 0));
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        foldResumes(fields.next().getValue());
      }
    } else if (node.isArray()) {
      node.forEach(GoldenFixtures::foldResumes);
    }
  }

  static Stream<Fixture> requests() {
    return all("requests").stream();
  }

  static Stream<Fixture> responses() {
    return all("responses").stream();
  }

  static Stream<Fixture> messages() {
    return all("messages").stream();
  }
}
