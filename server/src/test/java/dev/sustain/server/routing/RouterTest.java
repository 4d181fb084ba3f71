package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.server.config.DeliveryConfig;
import dev.sustain.server.config.PollConfig;
import dev.sustain.server.config.PushConfig;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router's decisions, with in-memory outlets on their own contexts and the real memory store. */
class RouterTest {

  private static final int WINDOW = 5;

  private Vertx vertx;
  private Router router;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    router = router(100);
  }

  private Router router(int parkedPerGroup) throws Exception {
    MemoryStore store = new MemoryStore(vertx.getOrCreateContext(), EngineConfig.DEFAULTS, "http://sustain");
    Router router =
        new Router(
            vertx,
            vertx.getOrCreateContext(),
            store,
            ProtocolCodec.DEFAULT,
            "http://sustain",
            new PollConfig(10, WINDOW, 60_000),
            PushConfig.DEFAULT,
            new DeliveryConfig(60_000, parkedPerGroup, 600_000, 100, 60_000),
            new SplittableRandom(1));
    await(router.start());
    return router;
  }

  @AfterEach
  void stop() throws Exception {
    await(router.close());
    await(vertx.close());
  }

  private FakeOutlet connect(String group, String id) throws Exception {
    FakeOutlet outlet = new FakeOutlet(vertx.getOrCreateContext(), group, id);
    await(router.connect(outlet));
    return outlet;
  }

  private static OutboxEntry execute(String address, String task, long version) {
    return new OutboxEntry(address, new Execute(null, new TaskRef(task, version)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(5);
    }
  }

  /** Waits until the router has nothing in flight: every hand-off acknowledged. */
  private void settle() throws Exception {
    eventually(() -> {
      try {
        return await(router.stats()).inFlight() == 0;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aUnicastToAnAbsentWorkerIsParkedUntilItConnects() throws Exception {
    FakeOutlet other = connect("g", "other");
    router.deliver(List.of(execute("poll://uni@g/w1", "t1", 0)));
    eventually(() -> statsUnchecked().parked() == 1);
    assertEquals(0, other.count());

    FakeOutlet w1 = connect("g", "w1");
    eventually(() -> w1.count() == 1);
    Message got = w1.received.get(0);
    assertInstanceOf(Execute.class, got);
    assertEquals("http://sustain", ((Execute) got).serverUrl(), "the configured serverUrl fills the head");
    settle();
    assertEquals(0, statsUnchecked().parked());
    assertEquals(0, other.count());
  }

  @Test
  void anAnycastWithIdPrefersThatWorkerAndOtherwiseAnyMember() throws Exception {
    FakeOutlet w1 = connect("g", "w1");
    FakeOutlet w2 = connect("g", "w2");
    List<OutboxEntry> toW2 = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      toW2.add(execute("poll://any@g/w2", "t" + i, 0));
    }
    router.deliver(toW2);
    eventually(() -> w2.count() == 20);
    assertEquals(0, w1.count(), "w2 is connected, so its anycasts wait for it even when it is busy");

    router.deliver(List.of(execute("poll://any@g/absent", "x", 0)));
    eventually(() -> w1.count() == 1);
    assertEquals(20, w2.count());
  }

  @Test
  void aMemberThatStopsCompletingWritesGetsNoMoreThanItsWindow() throws Exception {
    FakeOutlet stuck = connect("g", "stuck");
    FakeOutlet healthy = connect("g", "healthy");
    stuck.holdSends();
    List<OutboxEntry> batch = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      batch.add(execute("poll://any@g", "t" + i, 0));
    }
    router.deliver(batch);
    eventually(() -> stuck.count() + healthy.count() == 60);
    assertTrue(stuck.count() <= WINDOW, "stuck member got " + stuck.count());

    // Unicasts to the stuck member wait (bounded) instead of piling onto its connection.
    router.deliver(List.of(execute("poll://uni@g/stuck", "u1", 0), execute("poll://uni@g/stuck", "u2", 0)));
    eventually(() -> statsUnchecked().parked() == 2);
    stuck.releaseSends();
    eventually(() -> stuck.received.stream().anyMatch(m -> ((Execute) m).task().id().equals("u2")));
    settle();
    assertEquals(0, statsUnchecked().parked());
  }

  @Test
  void parkedExecutesCoalescePerTaskAndTheNewestVersionWins() throws Exception {
    router.deliver(List.of(
        execute("poll://any@g", "t1", 1),
        execute("poll://any@g", "t1", 3),
        execute("poll://any@g", "t1", 2),
        execute("poll://any@g", "t2", 0)));
    eventually(() -> statsUnchecked().parked() == 2);
    FakeOutlet w = connect("g", "w");
    eventually(() -> w.count() == 2);
    settle();
    List<Long> t1Versions = w.received.stream()
        .map(m -> ((Execute) m).task())
        .filter(t -> t.id().equals("t1"))
        .map(TaskRef::version)
        .toList();
    assertEquals(List.of(3L), t1Versions);
  }

  @Test
  void parkingIsBoundedPerGroup() throws Exception {
    await(router.close());
    router = router(3);
    List<OutboxEntry> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(execute("poll://any@g", "t" + i, 0));
    }
    router.deliver(batch);
    eventually(() -> statsUnchecked().parked() == 3);
    Thread.sleep(50);
    assertEquals(3, statsUnchecked().parked());
  }

  @Test
  void nothingIsDeliveredWhilePausedAndEverythingParkedGoesOnResume() throws Exception {
    await(router.pause());
    FakeOutlet w = connect("g", "w");
    router.deliver(List.of(execute("poll://any@g", "t1", 0)));
    Thread.sleep(100);
    assertEquals(0, w.count());
    assertEquals(0, statsUnchecked().parked(), "paused: the message stays in the outbox only");
    await(router.resume());
    router.deliver(List.of(execute("poll://any@g", "t1", 0)));
    eventually(() -> w.count() == 1);
  }

  @Test
  void aRefusedSendIsReroutedToAnotherMember() throws Exception {
    FakeOutlet dying = connect("g", "a");
    FakeOutlet alive = connect("g", "b");
    dying.failSends();
    List<OutboxEntry> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(execute("poll://any@g", "t" + i, 0));
    }
    router.deliver(batch);
    eventually(() -> alive.count() == 10);
    settle();
    assertEquals(1, statsUnchecked().connections(), "the refusing connection is dropped");
  }

  @Test
  void anUnwritableMemberIsSkippedAndItsDrainReleasesParkedMessages() throws Exception {
    FakeOutlet w = connect("g", "w");
    w.writable(false);
    router.deliver(List.of(execute("poll://uni@g/w", "t1", 0)));
    eventually(() -> statsUnchecked().parked() == 1);
    assertEquals(0, w.count());
    w.writable(true);
    router.drained(w);
    eventually(() -> w.count() == 1);
  }

  @Test
  void parkedMessagesGoOutAsSoonAsANewMessageFindsAnEligibleMember() throws Exception {
    FakeOutlet w = connect("g", "w");
    w.writable(false);
    router.deliver(List.of(execute("poll://any@g", "old", 0)));
    eventually(() -> statsUnchecked().parked() == 1);
    w.writable(true);
    router.deliver(List.of(execute("poll://any@g", "new", 0)));
    eventually(() -> w.count() == 2);
    assertEquals(0, statsUnchecked().parked());
  }

  @Test
  void closedConnectionsLeaveNoRegistryEntries() throws Exception {
    for (int i = 0; i < 100; i++) {
      FakeOutlet o = connect("g" + (i % 3), "w");
      o.close();
    }
    eventually(() -> statsUnchecked().connections() == 0);
    assertEquals(0, statsUnchecked().groups());
  }

  @Test
  void anycastsWaitingForADepartedWorkerGoToTheRestOfTheGroup() throws Exception {
    FakeOutlet w1 = connect("g", "w1");
    w1.writable(false);
    router.deliver(List.of(execute("poll://any@g/w1", "t1", 0), execute("poll://uni@g/w1", "t2", 0)));
    eventually(() -> statsUnchecked().parked() == 2);
    FakeOutlet w2 = connect("g", "w2");
    Thread.sleep(50);
    assertEquals(0, w2.count(), "w1 is connected: its anycast waits for it");
    w1.close();
    eventually(() -> w2.count() == 1);
    assertEquals("t1", ((Execute) w2.received.get(0)).task().id());
    assertEquals(1, statsUnchecked().parked(), "the unicast keeps waiting for w1");
  }

  @Test
  void aUnicastWithoutIdAndAnInvalidAddressAreDropped() throws Exception {
    FakeOutlet w = connect("g", "w");
    router.deliver(List.of(execute("poll://uni@g", "t1", 0), execute("nats://x", "t2", 0)));
    settle();
    Thread.sleep(50);
    assertEquals(0, w.count());
    assertEquals(0, statsUnchecked().parked());
  }

  private Router.Stats statsUnchecked() {
    try {
      return await(router.stats());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
