package dev.sustain.bench.ceiling;

import dev.sustain.bench.Flags;
import java.util.Set;

/**
 * The ceiling server's settings. Immutable.
 *
 * @param port HTTP port
 * @param pgUrl {@code postgresql://…} of the database the server under test uses
 * @param threads event loops, one verticle (HTTP server instance, pool, group-commit queue) each
 * @param connections PostgreSQL connections in all, so transactions in flight at once
 * @param maxBatch most inserts sharing one transaction
 */
public record CeilingOptions(int port, String pgUrl, int threads, int connections, int maxBatch) {
  public static final Set<String> FLAGS = Set.of("port", "pg-url", "threads", "connections", "max-batch");

  public static final String USAGE = """
      Usage: java -jar sustain-bench.jar ceiling --pg-url URL [flags]

      A minimal Vert.x server that does only the durable part of promise.create: POST / decodes the envelope with
      the protocol codec, inserts a promise-shaped row with a prepared statement, group-committed (many inserts
      per transaction), and answers 200 after COMMIT. Its throughput is the ceiling the report compares against.

        --port N          HTTP port                                     default 8090
        --pg-url URL      postgresql://user@host:port/db (required)
        --threads N       event loops                                   default: cores, at most --connections
        --connections N   PostgreSQL connections (transactions at once)  default 4
        --max-batch N     most inserts per transaction                  default 256
      """;

  public static CeilingOptions from(Flags f) {
    String url = f.string("pg-url", null);
    if (url == null) {
      throw new IllegalArgumentException("--pg-url is required");
    }
    int connections = f.integer("connections", 4);
    // Each loop needs a connection of its own: on a machine with more cores than connections, fewer loops.
    int threads = f.integer("threads", Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), connections)));
    int maxBatch = f.integer("max-batch", 256);
    if (threads < 1 || connections < threads || maxBatch < 1) {
      throw new IllegalArgumentException("expected --threads >= 1, --connections >= --threads, --max-batch >= 1");
    }
    return new CeilingOptions(f.integer("port", 8090), url, threads, connections, maxBatch);
  }

  /** Each event loop's share of the connections. */
  int connectionsPerLoop() {
    return connections / threads;
  }
}
