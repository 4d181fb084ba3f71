package dev.sustain.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One operation's measured figures. Latencies in microseconds. Immutable.
 *
 * @param name the operation, e.g. {@code promise.create}
 * @param count successes in the measured window
 * @param throughput successes per second
 * @param errors failures in the measured window
 * @param reasons a few distinct failure reasons with their counts (whole run, warm-up included)
 */
public record OpStats(String name, long count, double throughput, long p50, long p90, long p99, long p999,
    long max, double mean, long errors, Map<String, Long> reasons) {

  static OpStats of(OpMetric op, double seconds) {
    Histogram h = op.total();
    return new OpStats(op.name(), h.getTotalCount(), h.getTotalCount() / seconds, h.getValueAtPercentile(50),
        h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
        h.getTotalCount() == 0 ? 0 : h.getMean(), op.totalErrors(), op.reasons());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("count", count)
        .put("throughput", Math.round(throughput * 10) / 10.0)
        .put("p50_us", p50)
        .put("p90_us", p90)
        .put("p99_us", p99)
        .put("p999_us", p999)
        .put("max_us", max)
        .put("mean_us", Math.round(mean))
        .put("errors", errors)
        .put("error_reasons", new JsonObject(Map.copyOf(reasons)));
  }

  public static OpStats fromJson(String name, JsonObject j) {
    Map<String, Long> reasons = new TreeMap<>();
    JsonObject r = j.getJsonObject("error_reasons", new JsonObject());
    r.fieldNames().forEach(k -> reasons.put(k, r.getLong(k)));
    return new OpStats(name, j.getLong("count"), j.getDouble("throughput"), j.getLong("p50_us"),
        j.getLong("p90_us"), j.getLong("p99_us"), j.getLong("p999_us"), j.getLong("max_us"),
        j.getDouble("mean_us"), j.getLong("errors"), reasons);
  }
}
