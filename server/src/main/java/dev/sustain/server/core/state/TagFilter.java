package dev.sustain.server.core.state;

import java.util.Map;

/** The tag containment of the search kinds: every key/value of the filter is among the tags. */
public final class TagFilter {
  private TagFilter() {}

  /** True when {@code filter} is null (no filter) or each of its entries is present in {@code tags}. */
  public static boolean matches(Map<String, String> tags, Map<String, String> filter) {
    if (filter == null) {
      return true;
    }
    for (Map.Entry<String, String> e : filter.entrySet()) {
      if (!e.getValue().equals(tags.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
