package dev.sustain.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.core.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential harness run oracle against oracle: a sanity check of the harness and of the engine's
 * determinism (two fresh states fed the same requests must answer alike), and proof that the harness does catch
 * a behavioural difference.
 */
class OracleDifferentialTest {
  private static final int MAX_STEPS = 20_000;

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261130L})
  void twoFreshOraclesAgreeUntilEveryKindHasSucceeded(long seed) {
    Differential.Report report = new Differential(seed, MAX_STEPS, 25).run(new OracleDriver(), new OracleDriver());
    assertTrue(report.succeeded().containsAll(Differential.REQUIRED), () -> "covered " + report.succeeded());
    assertTrue(report.steps() < MAX_STEPS);
  }

  @Test
  void theSameSeedReplaysTheSameRun() {
    Differential.Report first = new Differential(7L, MAX_STEPS, 50).run(new OracleDriver(), new OracleDriver());
    Differential.Report again = new Differential(7L, MAX_STEPS, 50).run(new OracleDriver(), new OracleDriver());
    assertEquals(first, again);
  }

  @Test
  void aDifferentRetryIntervalIsCaughtWithTheSeedAndStep() {
    OracleDriver slower = new OracleDriver(new EngineConfig(EngineConfig.DEFAULT_RETRY_TIMEOUT + 1, false));
    AssertionError failure =
        assertThrows(AssertionError.class, () -> new Differential(3L, MAX_STEPS, 25).run(new OracleDriver(), slower));
    assertTrue(failure.getMessage().startsWith("seed 3, step "), failure.getMessage());
  }
}
