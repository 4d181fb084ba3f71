package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * 32 clients racing on the same ids, released together by a barrier, through concurrent batches on separate
 * connections: exactly one create inserts (everyone sees its record, one execute is dispatched), exactly one
 * acquire wins, exactly one settle wins. The second test runs the same races across two stores on one database,
 * which only row locks and keys can keep correct; the third has two stores sweep the same due timers at once,
 * which {@code SKIP LOCKED} must split so that each promise times out once.
 */
class PgStoreRaceIT {
  private static final long NOW = 1_767_225_600_000L;
  private static final int CLIENTS = 32;
  private static final int ROUNDS = 40;

  @Test
  void racingClientsOnOneStoreHaveExactlyOneWinnerEachTime() throws Exception {
    try (PgStoreDriver a = PgStoreDriver.open(PgTestSupport.freshSchema(), 16)) {
      race(List.of(a.store()), a);
    }
  }

  @Test
  void twoStoresOnOneDatabaseHaveExactlyOneWinnerEachTime() throws Exception {
    String schema = PgTestSupport.freshSchema();
    try (PgStoreDriver a = PgStoreDriver.open(schema, 8);
        PgStoreDriver b = PgStoreDriver.open(schema, 8)) {
      race(List.of(a.store(), b.store()), a);
    }
  }

  @Test
  void twoStoresTickingTogetherTimeEachPromiseOutOnce() throws Exception {
    String schema = PgTestSupport.freshSchema();
    try (PgStoreDriver a = PgStoreDriver.open(schema, 4);
        PgStoreDriver b = PgStoreDriver.open(schema, 4)) {
      Map<String, AtomicInteger> unblocks = new ConcurrentHashMap<>();
      for (PgStore s : List.of(a.store(), b.store())) {
        s.listener(
            new StoreListener() {
              @Override
              public void committed(List<OutboxEntry> messages) {
                for (OutboxEntry m : messages) {
                  if (m.message() instanceof Unblock u) {
                    unblocks.computeIfAbsent(u.promise().id(), k -> new AtomicInteger()).incrementAndGet();
                  }
                }
              }

              @Override
              public void nextDeadline(long at) {}
            });
      }
      int promises = 300;
      // Concurrent requests are not ordered, so every create is answered before any listener is registered.
      List<Future<Outcome>> creates = new ArrayList<>();
      for (int i = 0; i < promises; i++) {
        creates.add(a.store().apply("c", new PromiseCreate("due-" + i, NOW + 1_000, Value.EMPTY,
            Map.of(Tags.TARGET, "poll://any@default")), NOW));
      }
      creates.forEach(f -> assertEquals(200, PgTestSupport.await(f).status()));
      List<Future<Outcome>> listeners = new ArrayList<>();
      for (int i = 0; i < promises; i++) {
        listeners.add(b.store().apply("c", new PromiseRegisterListener("due-" + i, "poll://uni@g/caller"), NOW));
      }
      listeners.forEach(f -> assertEquals(200, PgTestSupport.await(f).status()));
      // Passes are bounded (1000 promise timeouts each); a handful from both stores at once covers all 300.
      List<Future<Void>> ticks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ticks.add(a.store().tick(NOW + 2_000));
        ticks.add(b.store().tick(NOW + 2_000));
      }
      ticks.forEach(PgTestSupport::await);
      assertEquals(promises, unblocks.size(), "every promise timed out");
      unblocks.forEach((id, n) -> assertEquals(1, n.get(), id + " timed out (and unblocked) exactly once"));
      DebugSnapResult snap =
          (DebugSnapResult) PgTestSupport.await(a.answer("snap", new DebugSnap(), NOW + 2_000)).data();
      for (PromiseRecord p : snap.promises()) {
        assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state(), p.id());
      }
      for (TaskRecord t : snap.tasks()) {
        assertEquals(TaskState.FULFILLED, t.state(), t.id());
      }
    }
  }

  private void race(List<PgStore> stores, PgStoreDriver snapshots) throws Exception {
    Map<String, AtomicInteger> executes = new ConcurrentHashMap<>();
    for (PgStore s : stores) {
      s.listener(
          new StoreListener() {
            @Override
            public void committed(List<OutboxEntry> messages) {
              for (OutboxEntry m : messages) {
                if (m.message() instanceof Execute e) {
                  executes.computeIfAbsent(e.task().id(), k -> new AtomicInteger()).incrementAndGet();
                }
              }
            }

            @Override
            public void nextDeadline(long at) {}
          });
    }
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String id = "race-" + round;

        long t0 = System.nanoTime();
        List<Outcome> created =
            all(clients, stores, i -> new PromiseCreate(id, NOW + 600_000, Value.of("param-" + i),
                Map.of(Tags.TARGET, "poll://any@default")));
        Set<PromiseRecord> records = new HashSet<>();
        for (Outcome o : created) {
          assertEquals(200, o.status(), id + " create: " + o);
          records.add(assertInstanceOf(PromiseCreateResult.class, o.data()).promise());
        }
        assertEquals(1, records.size(), id + ": every creator sees the one inserted record");
        assertTrue(records.iterator().next().param().data().startsWith("param-"));
        assertEquals(1, executes.getOrDefault(id, new AtomicInteger()).get(), id + ": one insert, one execute");

        long t1 = System.nanoTime();
        List<Outcome> acquired = all(clients, stores, i -> new TaskAcquire(id, 0, "worker-" + i, 60_000));
        List<TaskRecord> winners = new ArrayList<>();
        for (Outcome o : acquired) {
          if (o.status() == 200) {
            winners.add(assertInstanceOf(TaskAcquireResult.class, o.data()).task());
          } else {
            assertEquals(409, o.status(), id + " losing acquire: " + o);
          }
        }
        assertEquals(1, winners.size(), id + ": exactly one worker acquires");
        assertEquals(1, winners.get(0).version());

        long t2 = System.nanoTime();
        List<Outcome> settled =
            all(clients, stores, i -> new PromiseSettle(id, SettleState.RESOLVED, Value.of("value-" + i)));
        Set<PromiseRecord> results = new HashSet<>();
        for (Outcome o : settled) {
          assertEquals(200, o.status(), id + " settle: " + o);
          results.add(assertInstanceOf(PromiseSettleResult.class, o.data()).promise());
        }
        assertEquals(1, results.size(), id + ": every settler sees the one winning settlement");
        assertEquals(PromiseState.RESOLVED, results.iterator().next().state());
        if (round % 10 == 0) {
          System.out.printf("race %s: create %d ms, acquire %d ms, settle %d ms%n", id, (t1 - t0) / 1_000_000,
              (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
      }
    } finally {
      clients.shutdownNow();
    }
    for (PgStore s : stores) {
      System.out.println("race store stats: " + s.stats());
    }
    DebugSnapResult snap =
        (DebugSnapResult) PgTestSupport.await(snapshots.answer("snap", new DebugSnap(), NOW)).data();
    assertEquals(ROUNDS, snap.promises().size());
    for (PromiseRecord p : snap.promises()) {
      assertEquals(PromiseState.RESOLVED, p.state(), p.id());
    }
    for (TaskRecord t : snap.tasks()) {
      // Settling fulfils the task at the version the single acquire gave it (spec §4.8 invariants 2 and 7).
      assertEquals(TaskState.FULFILLED, t.state(), t.id());
      assertEquals(1, t.version(), t.id());
    }
    assertEquals(ROUNDS, snap.tasks().size());
    assertTrue(snap.taskTimeouts().isEmpty(), "fulfilled tasks have no timers");
    assertTrue(snap.promiseTimeouts().isEmpty(), "settled promises are not armed");
  }

  /** Sends one request per client, all released together, spread over the stores; returns every answer. */
  private static List<Outcome> all(ExecutorService clients, List<PgStore> stores, IntFunction<RequestData> request)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(CLIENTS);
    List<java.util.concurrent.Future<Outcome>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int client = i;
      Store store = stores.get(client % stores.size());
      answers.add(
          clients.submit(
              () -> {
                start.await();
                Future<Outcome> f = store.apply("c" + client, request.apply(client), NOW);
                return PgTestSupport.await(f);
              }));
    }
    List<Outcome> out = new ArrayList<>();
    for (java.util.concurrent.Future<Outcome> f : answers) {
      out.add(f.get());
    }
    return out;
  }
}
