package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.conformance.Differential;
import dev.sustain.server.conformance.OracleDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential test end to end: the same seeded random workload sent to the in-memory oracle and, over
 * HTTP, to a server on the embedded store, with identical answers at every step and identical {@code debug.snap}
 * at checkpoints, until every kind has succeeded. Pins that the codec, the envelope pipeline and the store add
 * nothing to and lose nothing from the engine's answers.
 */
class HttpDifferentialIT {
  private static final int MAX_STEPS = 20_000;

  private static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("sustain-differential");
    server = TestServer.start("--debug", "--db", dir.resolve("sustain.db").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    TempFiles.delete(dir);
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 20261130L})
  void theServerAnswersLikeTheOracle(long seed) {
    Differential.Report report =
        new Differential(seed, MAX_STEPS, 25).run(new OracleDriver(), new HttpDriver(server.client()));
    System.out.printf("seed %d: %d steps over HTTP, every kind succeeded%n", seed, report.steps());
    assertTrue(report.succeeded().containsAll(Differential.REQUIRED), () -> "covered " + report.succeeded());
  }
}
