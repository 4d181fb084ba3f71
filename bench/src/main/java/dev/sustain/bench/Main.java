package dev.sustain.bench;

import dev.sustain.bench.ceiling.CeilingOptions;
import dev.sustain.bench.ceiling.CeilingServer;
import dev.sustain.bench.load.LoadDriver;
import dev.sustain.bench.load.LoadOptions;
import dev.sustain.bench.load.LoadResult;
import dev.sustain.bench.report.Report;
import dev.sustain.bench.report.ReportOptions;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar sustain-bench.jar <load|ceiling|report> [flags]}. Exit status: 0 on success, 1 when the
 * tool failed or (load) every request failed, 2 on a usage error.
 */
public final class Main {
  private static final String USAGE = """
      Usage: java -jar sustain-bench.jar <command> [flags]

      Commands:
        load      drive a running server and print throughput and latency (load --help)
        ceiling   run the minimal PostgreSQL group-commit server the results are compared to (ceiling --help)
        report    combine run results into the ratio table, JSON and markdown (report --help)
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    boolean help = Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    try {
      switch (command) {
        case "load" -> {
          if (help) {
            out.print(LoadOptions.USAGE);
            return 0;
          }
          LoadOptions options = LoadOptions.from(Flags.parse(args, 1, LoadOptions.FLAGS));
          LoadResult result = new LoadDriver(options, out, String.join(" ", args)).run();
          if (result.successes() == 0) {
            err.println("load: no request succeeded (" + result.errors() + " errors)");
            return 1;
          }
          return 0;
        }
        case "ceiling" -> {
          if (help) {
            out.print(CeilingOptions.USAGE);
            return 0;
          }
          CeilingServer.run(CeilingOptions.from(Flags.parse(args, 1, CeilingOptions.FLAGS)), out);
          return 0;
        }
        case "report" -> {
          if (help) {
            out.print(ReportOptions.USAGE);
            return 0;
          }
          return Report.run(ReportOptions.from(Flags.parse(args, 1, ReportOptions.FLAGS)), out);
        }
        default -> {
          err.print("unknown command '" + command + "'\n" + USAGE);
          return 2;
        }
      }
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println(command + " failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }
}
