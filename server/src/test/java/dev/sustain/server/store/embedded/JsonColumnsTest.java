package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {

  @Test
  void equalMapsAreStoredAsEqualTextWithSortedKeys() {
    Map<String, String> inserted = new LinkedHashMap<>();
    inserted.put("b", "2");
    inserted.put("a", "1");
    inserted.put("resonate:invoke", "poll://any@workers");
    assertEquals("{\"a\":\"1\",\"b\":\"2\",\"resonate:invoke\":\"poll://any@workers\"}", JsonColumns.encode(inserted));
    assertEquals(JsonColumns.encode(inserted), JsonColumns.encode(new TreeMap<>(inserted)));
    assertEquals("{}", JsonColumns.encode(Map.of()));
    assertNull(JsonColumns.encodeNullable(null));
  }

  @Test
  void awkwardStringsRoundTripAndStayValidJson() {
    Map<String, String> awkward = new TreeMap<>();
    awkward.put("quote\"back\\slash", "new\nline\ttab\u0000nul\u001f");
    awkward.put("unicode ✓ 😀", "</script> & 'single'");
    awkward.put("", "");
    String text = JsonColumns.encode(awkward);
    assertEquals(awkward, JsonColumns.decode(text));
    // Another JSON reader agrees on every pair.
    JsonObject parsed = new JsonObject(text);
    awkward.forEach((k, v) -> assertEquals(v, parsed.getString(k)));
    assertEquals(awkward.size(), parsed.size());
  }
}
