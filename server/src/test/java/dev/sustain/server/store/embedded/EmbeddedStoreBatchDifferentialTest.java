package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.conformance.RandomWorkload;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Oracle;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oracle against {@link EmbeddedStore} when requests share group commits: each wave queues up to 64 random
 * requests at once, so they run as savepoints of one transaction and read what earlier requests of the same
 * batch wrote (including ones rolled back or failed). The writer takes them in submission order, the order the
 * oracle applies them in; every answer and the {@code debug.snap} after every wave must be identical.
 */
class EmbeddedStoreBatchDifferentialTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int WAVES = 150;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void batchedAnswersAndSnapshotsMatchTheOracle(long seed) {
    Random sizes = new Random(seed);
    try (EmbeddedStoreDriver embedded = EmbeddedStoreDriver.open(dir.resolve("batch.db"), EngineConfig.DEFAULTS)) {
      Oracle oracle = new Oracle();
      RandomWorkload workload = new RandomWorkload(seed, T0);
      Set<Kind> succeeded = EnumSet.noneOf(Kind.class);
      long batchesBefore = embedded.store().batchesCommitted();
      long corr = 0;
      int requests = 0;
      for (int wave = 0; wave < WAVES; wave++) {
        int size = 1 + sizes.nextInt(64);
        List<RequestData> sent = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          RequestData data = workload.next();
          long now = workload.now();
          sent.add(data);
          times.add(now);
          answers.add(embedded.submit("c" + (corr + i), data, now));
        }
        for (int i = 0; i < size; i++) {
          String corrId = "c" + (corr + i);
          Outcome expected = oracle.apply(corrId, sent.get(i), times.get(i));
          Outcome actual = EmbeddedStoreDriver.await(answers.get(i));
          assertEquals(expected, actual, "seed " + seed + " wave " + wave + " request " + i + " " + sent.get(i));
          workload.observe(
              sent.get(i), Response.of(sent.get(i).kind().wire(), corrId, actual.status(), actual.data()));
          if (actual.status() / 100 == 2) {
            succeeded.add(sent.get(i).kind());
          }
        }
        corr += size;
        requests += size;
        long now = workload.now();
        assertEquals(
            oracle.apply("snap", new DebugSnap(), now),
            EmbeddedStoreDriver.await(embedded.submit("snap", new DebugSnap(), now)),
            "debug.snap, seed " + seed + " after wave " + wave);
      }
      long batches = embedded.store().batchesCommitted() - batchesBefore;
      assertTrue(batches < requests, "waves should share commits: " + batches + " commits for " + requests);
      for (Kind k :
          List.of(Kind.PROMISE_CREATE, Kind.PROMISE_SETTLE, Kind.PROMISE_REGISTER_CALLBACK, Kind.TASK_CREATE,
              Kind.TASK_ACQUIRE, Kind.TASK_FULFILL, Kind.TASK_FENCE, Kind.DEBUG_TICK, Kind.PROMISE_SEARCH)) {
        assertTrue(succeeded.contains(k), k + " never succeeded with seed " + seed + ": " + succeeded);
      }
    }
  }
}
