package dev.sustain.bench.report;

import dev.sustain.bench.load.LoadResult;
import dev.sustain.bench.load.OpStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Combines one bench run's results: every headline figure as a ratio to the ceiling, latencies, errors, the target
 * checks, the machine facts and the exact command; printed, and written as JSON and markdown.
 */
public final class Report {
  private Report() {}

  public static int run(ReportOptions options, PrintStream out) throws IOException {
    List<LoadResult> results;
    try (Stream<Path> files = Files.list(Path.of(options.in()))) {
      results = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .map(LoadResult::read).toList();
    }
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no result files (*.json) in " + options.in());
    }
    // The ceiling is the best that any ceiling variant of this run reached: what this machine can do at all.
    LoadResult ceiling = Targets.ceiling(results);
    double ceilingRate = ceiling == null ? 0 : ceiling.headlineThroughput();
    MachineFacts facts = MachineFacts.collect(options.postgres());
    List<Targets.Check> checks = Targets.check(results);
    String when = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    String table = table(results, ceilingRate);
    String targets = targets(checks);
    out.println();
    out.print(table);
    out.println();
    out.print(targets);

    Path dir = Path.of(options.outDir());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(options.name() + ".md"), markdown(options, facts, when, table, targets, results));
    JsonArray runs = new JsonArray();
    results.forEach(r -> runs.add(r.toJson()
        .put("ratio_to_ceiling", ceilingRate == 0 ? null : round(r.headlineThroughput() / ceilingRate))));
    JsonArray targetJson = new JsonArray();
    checks.forEach(c -> targetJson.add(new JsonObject().put("target", c.target()).put("measured", c.measured())
        .put("verdict", c.verdict())));
    Files.writeString(dir.resolve(options.name() + ".json"), new JsonObject()
        .put("date", when)
        .put("command", options.command())
        .put("machine", facts.toJson())
        .put("ceiling_throughput", round(ceilingRate))
        .put("ceiling_run", ceiling == null ? null : ceiling.label())
        .put("runs", runs)
        .put("targets", targetJson)
        .encodePrettily() + "\n");
    out.println();
    out.println("wrote " + dir.resolve(options.name() + ".md") + " and " + dir.resolve(options.name() + ".json"));
    return 0;
  }

  /** The markdown table, one row per run; latencies are the headline operation's. */
  static String table(List<LoadResult> results, double ceilingRate) {
    StringBuilder t = new StringBuilder();
    t.append("| Run | Store | Transport | Conns × in flight | Throughput | × ceiling | p50 ms | p90 ms | p99 ms "
        + "| p99.9 ms | Dispatch p99 ms | Errors | Load avg |\n");
    t.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (LoadResult r : results) {
      OpStats h = r.op(r.headline().equals("requests") ? "promise.create" : r.headline());
      OpStats d = r.op("execute.dispatch");
      String transport = r.transport() + (r.workers() > 0 ? " + " + r.workers() + " " + r.workerTransport()
          + " workers" : "");
      String shape = r.connections() + " × " + r.inFlight()
          + (r.rate() > 0 ? String.format(Locale.ROOT, " @ %.0f/s", r.rate()) : "");
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f %s | %s | %s | %s | %s | %s | %s | %d | %s |\n",
          r.label(), r.store(), transport, shape, r.headlineThroughput(), r.unit(),
          ceilingRate == 0 ? "–" : String.format(Locale.ROOT, "%.2f", r.headlineThroughput() / ceilingRate),
          ms(h == null ? -1 : h.p50()), ms(h == null ? -1 : h.p90()), ms(h == null ? -1 : h.p99()),
          ms(h == null ? -1 : h.p999()), ms(d == null ? -1 : d.p99()), r.errors(), r.load()));
    }
    return t.toString();
  }

  static String targets(List<Targets.Check> checks) {
    StringBuilder t = new StringBuilder("| Target | Measured | Verdict |\n|---|---|---|\n");
    checks.forEach(c -> t.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
        .append(c.verdict()).append(" |\n"));
    return t.toString();
  }

  private static String markdown(ReportOptions options, MachineFacts facts, String when, String table,
      String targets, List<LoadResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("# Sustain benchmark, ").append(when).append("\n\n");
    md.append(facts.markdown());
    if (!options.notes().isBlank()) {
      md.append(options.notes().strip()).append('\n');
    }
    md.append("\nCommand: `").append(options.command()).append("`\n\n");
    md.append("Throughput is the headline operation per second over the measured window (warm-up excluded); "
        + "\"× ceiling\" divides it by the best ceiling run (a minimal Vert.x server doing only the "
        + "group-committed promise-row insert on the same PostgreSQL; the `ceiling*` runs differ only in its pool "
        + "size and batch limit). Latencies are the headline operation's; dispatch is the time "
        + "from the create's 200 reaching the generator to the `execute` reaching a worker (an `execute` that arrives "
        + "first counts as 0). \"Load avg\" is the machine's 1-minute load average at the start and end of the run: "
        + "the generator, the server and PostgreSQL share the cores, and anything else running skews the figures.\n\n");
    md.append(table).append('\n');
    md.append("## Targets\n\n").append(targets).append('\n');
    md.append("## Every operation\n\n");
    for (LoadResult r : results) {
      md.append("### ").append(r.label()).append("\n\n```\n").append(r.table()).append("```\n\n");
    }
    return md.toString();
  }

  private static String ms(long micros) {
    return micros < 0 ? "–" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  private static Double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
