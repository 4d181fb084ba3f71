package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.core.Oracle;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory oracle against {@link PgStore} on seeded random workloads. Each wave sends up to 40 requests to
 * the store at once, so they share batches and every request reads what earlier requests of the same batch wrote
 * (through the overlays, not the database); with one connection the batches run in submission order, which is the
 * order the oracle applies them in. Every answer and the {@code debug.snap} after every wave must be identical.
 */
class PgStoreDifferentialIT {
  private static final long T0 = 1_767_225_600_000L;
  private static final int WAVES = 60;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void answersAndSnapshotsMatchTheOracle(long seed) {
    PgTestSupport.requirePostgres();
    try (PgStoreDriver pg = PgStoreDriver.open(PgTestSupport.freshSchema(), 1)) {
      Oracle oracle = new Oracle();
      PgRandomRequests requests =
          new PgRandomRequests(seed, 8, id -> oracle.state().task(id).map(t -> t.version()).orElse(-1L));
      Set<Kind> succeeded = EnumSet.noneOf(Kind.class);
      long now = T0;
      long corr = 0;
      for (int wave = 0; wave < WAVES; wave++) {
        now += requests.advance();
        requests.shift();
        int size = 1 + (int) ((seed * 31 + wave * 7) % 40);
        List<RequestData> sent = new ArrayList<>();
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          RequestData data = requests.next(now);
          sent.add(data);
          answers.add(pg.answer("c" + (corr + i), data, now));
        }
        for (int i = 0; i < size; i++) {
          Outcome expected = oracle.apply("c" + (corr + i), sent.get(i), now);
          Outcome actual = PgTestSupport.await(answers.get(i));
          String where = "seed " + seed + " wave " + wave + " request " + i + " " + sent.get(i);
          assertEquals(expected, actual, where);
          if (actual.status() == 200) {
            succeeded.add(sent.get(i).kind());
          }
        }
        corr += size;
        assertEquals(
            oracle.apply("snap", new DebugSnap(), now),
            PgTestSupport.await(pg.answer("snap", new DebugSnap(), now)),
            "debug.snap, seed " + seed + " after wave " + wave);
      }
      // The workload must have exercised the transitions that matter, or the comparison proves little.
      for (Kind k :
          List.of(Kind.PROMISE_CREATE, Kind.PROMISE_SETTLE, Kind.PROMISE_REGISTER_CALLBACK, Kind.TASK_ACQUIRE,
              Kind.TASK_CREATE, Kind.TASK_FULFILL, Kind.DEBUG_TICK, Kind.PROMISE_SEARCH)) {
        assertTrue(succeeded.contains(k), k + " never succeeded with seed " + seed + ": " + succeeded);
      }
    }
  }
}
