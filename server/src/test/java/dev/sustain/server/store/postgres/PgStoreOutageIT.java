package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under load ({@code scripts/pg-up.sh stop}, on the outage cluster of its own) and started again: while it is down every
 * request fails fast with {@link StoreUnavailableException} (503) and {@code ready()} is false; once it is back
 * the store recovers by itself; and every create answered 200 before, during or after the outage is stored.
 */
class PgStoreOutageIT {
  private static final long NOW = 1_767_225_600_000L;
  private static final int SUBMITTERS = 16;

  @Test
  void anOutageFailsFastRecoversByItselfAndLosesNothingAnswered() throws Exception {
    String url = PgTestSupport.requireOutageCluster();
    try (PgStoreDriver driver = PgStoreDriver.open(url, PgTestSupport.freshSchema(), 8)) {
      PgStore store = driver.store();
      Queue<String> answered = new ConcurrentLinkedQueue<>();
      Queue<Long> downFailureMillis = new ConcurrentLinkedQueue<>();
      Queue<Throwable> otherFailures = new ConcurrentLinkedQueue<>();
      AtomicBoolean down = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong ids = new AtomicLong();
      CountDownLatch finished = new CountDownLatch(SUBMITTERS);
      for (int i = 0; i < SUBMITTERS; i++) {
        Thread.ofPlatformLoop(
            () -> {
              try {
                while (!stop.get()) {
                  String id = "o" + ids.incrementAndGet();
                  long start = System.nanoTime();
                  try {
                    Outcome o =
                        PgTestSupport.await(
                            store.apply("c", new PromiseCreate(id, NOW + 60_000, Value.EMPTY,
                                Map.of(Tags.TARGET, "poll://any@default")), NOW));
                    if (o.status() == 200) {
                      answered.add(id);
                    }
                  } catch (StoreUnavailableException e) {
                    if (down.get()) {
                      downFailureMillis.add((System.nanoTime() - start) / 1_000_000);
                    }
                    // Not yet marked down, or already back: the stop or start raced this request.
                  } catch (RuntimeException e) {
                    otherFailures.add(e);
                  }
                }
              } finally {
                finished.countDown();
              }
            });
      }
      try {
        Thread.sleep(1_500);
        int beforeOutage = answered.size();
        assertTrue(beforeOutage > 0, "load is running");

        PgTestSupport.outageCluster("stop");
        down.set(true);
        Thread.sleep(2_000);
        assertFalse(PgTestSupport.await(store.ready()), "not ready while PostgreSQL is down");
        int duringOutage = answered.size();
        Thread.sleep(1_000);
        assertEquals(duringOutage, answered.size(), "nothing is answered 200 while PostgreSQL is down");
        assertTrue(downFailureMillis.size() > 10, "requests keep failing while down: " + downFailureMillis.size());
        long slowest = downFailureMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(slowest < 3_000, "503s are fast while down; slowest took " + slowest + " ms");
        down.set(false);

        PgTestSupport.outageCluster("start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!PgTestSupport.await(store.ready())) {
          assertTrue(System.nanoTime() < deadline, "ready again within 30 s of PostgreSQL starting");
          Thread.sleep(100);
        }
        int afterRecovery = answered.size();
        Thread.sleep(1_500);
        assertTrue(answered.size() > afterRecovery, "requests succeed again without intervention");
      } finally {
        stop.set(true);
        finished.await(60, TimeUnit.SECONDS);
        PgTestSupport.outageCluster("up");
      }
      assertTrue(otherFailures.isEmpty(), "only 503s: " + otherFailures);
      for (String id : List.copyOf(answered)) {
        Outcome got = PgTestSupport.await(store.apply("get", new PromiseGet(id), NOW));
        assertEquals(200, got.status(), id + " was answered 200 and must be stored");
      }
    }
  }

  /** A plain platform thread running {@code body}, so the submitters block without touching an event loop. */
  private static final class Thread {
    static void ofPlatformLoop(Runnable body) {
      java.lang.Thread t = new java.lang.Thread(body, "outage-submitter");
      t.setDaemon(true);
      t.start();
    }

    static void sleep(long millis) throws InterruptedException {
      java.lang.Thread.sleep(millis);
    }
  }
}
