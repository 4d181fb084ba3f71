package dev.sustain.bench.report;

import dev.sustain.bench.Flags;
import java.util.Set;

/**
 * The report's inputs and outputs. Immutable.
 *
 * @param in directory of the run's result files ({@code *.json} written by {@code load --out})
 * @param outDir where {@code NAME.json} and {@code NAME.md} go
 * @param name base name of the written files
 * @param command the exact command that produced the results, printed with them
 * @param postgres the PostgreSQL server version, or empty if none was used
 * @param notes extra markdown lines (settings of the servers) to print under the facts
 */
public record ReportOptions(String in, String outDir, String name, String command, String postgres, String notes) {
  public static final Set<String> FLAGS = Set.of("in", "out-dir", "name", "command", "pg-version", "notes");

  public static final String USAGE = """
      Usage: java -jar sustain-bench.jar report --in DIR [flags]

      Reads every run result (*.json) in DIR, prints the table with each headline figure as a ratio to the
      ceiling run (label "ceiling"), checks the targets, and writes NAME.json and NAME.md.

        --in DIR          the run's result files (required)
        --out-dir DIR     where the report goes                 default bench/results
        --name NAME       base name of the report files         default report
        --command CMD     the command that produced the results
        --pg-version V    PostgreSQL version, for the facts
        --notes TEXT      markdown printed under the facts
      """;

  public static ReportOptions from(Flags f) {
    String in = f.string("in", null);
    if (in == null) {
      throw new IllegalArgumentException("--in is required");
    }
    return new ReportOptions(in, f.string("out-dir", "bench/results"), f.string("name", "report"),
        f.string("command", ""), f.string("pg-version", ""), f.string("notes", ""));
  }
}
