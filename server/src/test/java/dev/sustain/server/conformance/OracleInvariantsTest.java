package dev.sustain.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test: along seeded random walks on the oracle, every snapshot satisfies the invariants of spec §4.8
 * and versions move by at most one acquire per request. The walk must also reach the interesting states, or the
 * property would hold vacuously.
 */
class OracleInvariantsTest {
  private static final int STEPS = 3_000;

  @ParameterizedTest
  @ValueSource(longs = {11L, 12L, 13L, 14L})
  void everySnapshotAlongARandomWalkSatisfiesTheInvariants(long seed) {
    OracleDriver driver = new OracleDriver();
    RandomWorkload workload = new RandomWorkload(seed, ConformanceSupport.T0);
    DebugSnapResult previous = snap(driver, workload.now());
    boolean sawSuspended = false;
    boolean sawHalted = false;
    boolean sawTimedOut = false;
    for (int step = 1; step <= STEPS; step++) {
      RequestData request = workload.next();
      Response<?> response = driver.send(request, workload.now());
      workload.observe(request, response);
      DebugSnapResult current = snap(driver, workload.now());
      List<String> violations = new ArrayList<>(SnapshotInvariants.check(current));
      if (!(request instanceof DebugReset)) {
        violations.addAll(SnapshotInvariants.checkStep(previous, current));
      }
      final int at = step;
      assertEquals(List.of(), violations, () -> "seed " + seed + ", step " + at + " after " + request);
      for (TaskRecord t : current.tasks()) {
        sawSuspended |= t.state() == TaskState.SUSPENDED;
        sawHalted |= t.state() == TaskState.HALTED;
      }
      sawTimedOut |= current.promises().stream().anyMatch(p -> p.state() == PromiseState.REJECTED_TIMEDOUT);
      previous = current;
    }
    assertFalse(!sawSuspended || !sawHalted || !sawTimedOut,
        "the walk never reached suspended/halted tasks or timed-out promises");
  }

  private static DebugSnapResult snap(OracleDriver driver, long now) {
    return (DebugSnapResult) driver.send(new DebugSnap(), now).data();
  }
}
