package dev.sustain.bench.load;

import dev.sustain.bench.Flags;
import java.util.Locale;
import java.util.Set;

/**
 * One load run's parameters. Immutable.
 *
 * @param url the server's base URL
 * @param scenario what each loop does
 * @param transport how requests travel: {@code http} ({@code POST /}, pooled keep-alive connections) or
 *     {@code ws} (request-only sockets on {@code /ws}, answers matched by corrId)
 * @param workerTransport how workers receive {@code execute}: {@code sse} or {@code ws}
 * @param connections HTTP connections or WebSockets opened by the generator (callers, for {@code invoke})
 * @param inFlight requests in flight per connection; above 1 over HTTP the connection pipelines
 * @param workers worker connections for {@code task} and {@code invoke}
 * @param durationSeconds measured seconds, after warm-up
 * @param warmupSeconds seconds of load whose samples are discarded
 * @param threads event loops of the generator
 * @param rate total loop iterations started per second; 0 runs closed-loop, as fast as answers come back
 * @param store the server's store, as recorded in the results ({@code embedded}, {@code postgres}, …)
 * @param label the run's name in the results
 * @param out where the JSON result goes; {@code null} for nowhere
 * @param roundTripTimeoutMs a task or invocation not finished within this is counted as an error and abandoned
 */
public record LoadOptions(
    String url,
    Scenario scenario,
    String transport,
    String workerTransport,
    int connections,
    int inFlight,
    int workers,
    int durationSeconds,
    int warmupSeconds,
    int threads,
    double rate,
    String store,
    String label,
    String out,
    int roundTripTimeoutMs) {

  public static final Set<String> FLAGS = Set.of("url", "scenario", "transport", "worker-transport", "connections",
      "in-flight", "workers", "duration", "warmup", "threads", "rate", "rate-of", "rate-fraction", "store", "label",
      "out", "round-trip-timeout");

  public static final String USAGE = """
      Usage: java -jar sustain-bench.jar load [flags]

      Drives a running server closed-loop (or at a fixed --rate) and prints a progress line every second and a
      table at the end: throughput, latency p50/p90/p99/p99.9 (ms), errors. Warm-up samples are discarded.

        --url URL                 server base URL                                    default http://127.0.0.1:8001
        --scenario S              create | create-settle | task | invoke            default create
        --transport T             requests over http (POST /) or ws (/ws)            default http
        --worker-transport T      task/invoke workers receive execute over sse | ws  default sse
        --connections N           HTTP connections or WebSockets (invoke: callers)   default 64
        --in-flight N             requests in flight per connection                 default 1
        --workers N               worker connections (task, invoke)                 default 4
        --duration S              measured seconds                                   default 15
        --warmup S                warm-up seconds (not measured)                     default 5
        --threads N               generator event loops                              default: cores
        --rate R                  iterations started per second (0: closed loop)     default 0
        --rate-of FILE            take the rate from another run's JSON result ...
        --rate-fraction F         ... times F                                        default 0.5
        --store NAME              store label recorded with the results              default unknown
        --label NAME              run name in the results                            default SCENARIO-TRANSPORT
        --out FILE                write the JSON result here
        --round-trip-timeout MS   abandon a task/invocation after MS (an error)      default 10000
      """;

  public static LoadOptions from(Flags f) {
    Scenario scenario = Scenario.parse(f.string("scenario", "create"));
    String transport = oneOf("transport", f.string("transport", "http"), "http", "ws");
    String workerTransport = oneOf("worker-transport", f.string("worker-transport", "sse"), "sse", "ws");
    double rate = f.decimal("rate", 0);
    String rateOf = f.string("rate-of", null);
    if (rateOf != null) {
      rate = LoadResult.headlineThroughput(rateOf) * f.decimal("rate-fraction", 0.5);
    }
    String label = f.string("label", scenario.label() + "-" + transport);
    return new LoadOptions(
        f.string("url", "http://127.0.0.1:8001"),
        scenario,
        transport,
        workerTransport,
        positive("connections", f.integer("connections", 64)),
        positive("in-flight", f.integer("in-flight", 1)),
        positive("workers", f.integer("workers", 4)),
        positive("duration", f.integer("duration", 15)),
        nonNegative("warmup", f.integer("warmup", 5)),
        positive("threads", f.integer("threads", Runtime.getRuntime().availableProcessors())),
        nonNegativeRate(rate),
        f.string("store", "unknown"),
        label,
        f.string("out", null),
        positive("round-trip-timeout", f.integer("round-trip-timeout", 10_000)));
  }

  /** Loop iterations that may run at once: every connection's in-flight slots. */
  public int loops() {
    return connections * inFlight;
  }

  private static String oneOf(String flag, String value, String a, String b) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals(a) && !v.equals(b)) {
      throw new IllegalArgumentException("--" + flag + ": expected " + a + " or " + b + ", got '" + value + "'");
    }
    return v;
  }

  private static int positive(String flag, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + flag + ": expected a positive integer, got " + value);
    }
    return value;
  }

  private static int nonNegative(String flag, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("--" + flag + ": expected a non-negative integer, got " + value);
    }
    return value;
  }

  private static double nonNegativeRate(double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("--rate: expected a non-negative number, got " + rate);
    }
    return rate;
  }
}
