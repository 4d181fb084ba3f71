package dev.sustain.bench.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one load run measured, with the parameters that produced it; written as JSON for the report. Immutable.
 *
 * @param seconds length of the measured window
 * @param dispatchEarly {@code execute} messages that reached a worker before the create's 200 reached the loop
 *     (recorded as 0 µs dispatch latency)
 * @param dispatchRepeats {@code execute} messages beyond the first for a task in flight, plus those for no task
 *     in flight (already finished or abandoned)
 * @param load the machine's 1-minute load average when the run started and when it ended: figures taken while
 *     other processes compete for the cores are not comparable
 * @param generatorCores CPU the generator itself used over the load, in cores (CPU seconds per second)
 * @param command the generator's own arguments
 */
public record LoadResult(String label, String store, String scenario, String transport, String workerTransport,
    int connections, int inFlight, int workers, int threads, double rate, double seconds, String headline,
    String unit, List<OpStats> ops, long dispatchEarly, long dispatchRepeats, String load, double generatorCores, String command) {

  /** The headline figure: the scenario's headline operation per second (create-settle: both requests). */
  public double headlineThroughput() {
    if (headline.equals("requests")) {
      return ops.stream().filter(o -> o.name().startsWith("promise.")).mapToDouble(OpStats::throughput).sum();
    }
    return op(headline) == null ? 0 : op(headline).throughput();
  }

  /** Errors of every operation. */
  public long errors() {
    return ops.stream().mapToLong(OpStats::errors).sum();
  }

  /** Successes of every operation. */
  public long successes() {
    return ops.stream().mapToLong(OpStats::count).sum();
  }

  public OpStats op(String name) {
    return ops.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
  }

  public JsonObject toJson() {
    JsonObject opsJson = new JsonObject();
    ops.forEach(o -> opsJson.put(o.name(), o.toJson()));
    return new JsonObject()
        .put("label", label)
        .put("store", store)
        .put("scenario", scenario)
        .put("transport", transport)
        .put("worker_transport", workerTransport)
        .put("connections", connections)
        .put("in_flight", inFlight)
        .put("workers", workers)
        .put("threads", threads)
        .put("rate", rate)
        .put("seconds", Math.round(seconds * 1000) / 1000.0)
        .put("headline", headline)
        .put("unit", unit)
        .put("headline_throughput", Math.round(headlineThroughput() * 10) / 10.0)
        .put("dispatch_early", dispatchEarly)
        .put("dispatch_repeats", dispatchRepeats)
        .put("load_average", load)
        .put("generator_cores", generatorCores)
        .put("ops", opsJson)
        .put("command", command);
  }

  public static LoadResult fromJson(JsonObject j) {
    List<OpStats> ops = new ArrayList<>();
    JsonObject o = j.getJsonObject("ops");
    o.fieldNames().forEach(name -> ops.add(OpStats.fromJson(name, o.getJsonObject(name))));
    return new LoadResult(j.getString("label"), j.getString("store"), j.getString("scenario"),
        j.getString("transport"), j.getString("worker_transport"), j.getInteger("connections"),
        j.getInteger("in_flight"), j.getInteger("workers"), j.getInteger("threads"), j.getDouble("rate"),
        j.getDouble("seconds"), j.getString("headline"), j.getString("unit"), ops, j.getLong("dispatch_early", 0L),
        j.getLong("dispatch_repeats", 0L), j.getString("load_average", "unknown"), j.getDouble("generator_cores", 0.0), j.getString("command"));
  }

  public static LoadResult read(Path file) {
    try {
      return fromJson(new JsonObject(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the result " + file, e);
    }
  }

  /** The headline throughput recorded in the result file {@code path}, for {@code --rate-of}. */
  static double headlineThroughput(String path) {
    return read(Path.of(path)).headlineThroughput();
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, toJson().encodePrettily() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result " + file, e);
    }
  }

  /** The final table: one row per operation. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s  store=%s  %s over %s, %d connection(s) x %d in flight%s%s, %.1f s measured%n",
        label, store, scenario, transport, connections, inFlight,
        scenario.equals("task") || scenario.equals("invoke") ? ", " + workers + " " + workerTransport + " workers" : "",
        rate > 0 ? String.format(Locale.ROOT, ", rate %.0f/s", rate) : "", seconds));
    out.append(String.format(Locale.ROOT, "load average %s; generator CPU %.2f cores%n", load, generatorCores));
    out.append(String.format(Locale.ROOT, "%-17s %10s %11s %9s %9s %9s %9s %9s %8s%n", "operation", "count",
        "per second", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors"));
    for (OpStats o : ops) {
      out.append(String.format(Locale.ROOT, "%-17s %10d %11.1f %9.3f %9.3f %9.3f %9.3f %9.3f %8d%n", o.name(),
          o.count(), o.throughput(), o.p50() / 1000.0, o.p90() / 1000.0, o.p99() / 1000.0, o.p999() / 1000.0,
          o.max() / 1000.0, o.errors()));
    }
    out.append(String.format(Locale.ROOT, "headline: %.1f %s%s%s%n", headlineThroughput(), unit,
        dispatchEarly > 0 ? "; execute before the create's 200: " + dispatchEarly : "",
        dispatchRepeats > 0 ? "; repeated or late execute messages: " + dispatchRepeats : ""));
    ops.stream().filter(o -> !o.reasons().isEmpty()).forEach(o -> o.reasons().forEach((reason, count) ->
        out.append("  ").append(o.name()).append(" error x").append(count).append(": ").append(reason)
            .append('\n')));
    return out.toString();
  }
}
