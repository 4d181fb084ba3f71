package dev.sustain.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's operations, by name, in the order they were first asked for (the table's row order). Created before
 * the load starts; lookups afterwards are read-only, so sharing across event loops is safe.
 */
public final class Metrics {
  private final Map<String, OpMetric> byName = new LinkedHashMap<>();

  /** The operation called {@code name}, created on first use. Call before the load starts. */
  public synchronized OpMetric op(String name) {
    return byName.computeIfAbsent(name, OpMetric::new);
  }

  synchronized List<OpMetric> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }
}
