package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.conformance.Differential;
import dev.sustain.server.conformance.OracleDriver;
import dev.sustain.server.core.EngineConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential test (STYLE §2.7 L2b) of the embedded store against the in-memory oracle: the same seeded
 * random workload, identical answers at every step and identical {@code debug.snap} at checkpoints, until every
 * kind has succeeded. Each request is its own durable commit here, so this pins the SQL state's reads and writes
 * rather than batching.
 */
class EmbeddedStoreDifferentialTest {
  private static final int MAX_STEPS = 20_000;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void theEmbeddedStoreAnswersLikeTheOracle(long seed) {
    try (EmbeddedStoreDriver embedded = EmbeddedStoreDriver.open(dir.resolve("diff.db"), EngineConfig.DEFAULTS)) {
      Differential.Report report = new Differential(seed, MAX_STEPS, 25).run(new OracleDriver(), embedded);
      assertTrue(report.succeeded().containsAll(Differential.REQUIRED), () -> "covered " + report.succeeded());
    }
  }
}
