package dev.sustain.server.transport.sse;

import static dev.sustain.server.transport.sse.PollHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.Unblock;
import dev.sustain.server.routing.Router;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Balancing, parking and back-pressure of poll delivery, over real sockets against a real server. */
class PollDeliveryIT {

  private static Router.Stats stats(PollHarness h) {
    return PollHarness.await(h.server().routerStats());
  }

  @Test
  void threeAcquiringMembersShareThreeHundredExecutes() {
    try (PollHarness h = PollHarness.start()) {
      List<SseWorker> members = List.of(
          h.connect("g", "a").acquiring("a"), h.connect("g", "b").acquiring("b"), h.connect("g", "c").acquiring("c"));
      for (int i = 0; i < 300; i++) {
        h.createPromise("bal-" + i, "poll://any@g");
      }
      eventually(10, "all 300 delivered and acquired",
          () -> members.stream().mapToInt(w -> w.acquired.get()).sum() == 300);
      for (SseWorker w : members) {
        int got = w.executes().size();
        assertTrue(got >= 50 && got <= 150, "a member got " + got + " of 300 (fair share 100)");
      }
      assertEquals(300, members.stream().mapToInt(w -> w.executes().size()).sum(), "each execute went once");
    }
  }

  @Test
  void aMemberThatNeverAcquiresStopsGettingWorkWhileOthersAreLessLoaded() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker idle = h.connect("g", "idle");
      SseWorker b = h.connect("g", "b").acquiring("b");
      SseWorker c = h.connect("g", "c").acquiring("c");
      for (int i = 0; i < 60; i++) {
        h.createPromise("load-" + i, "poll://any@g");
        int sent = i + 1;
        eventually(5, "execute " + i + " delivered and, by a working member, acquired", () ->
            idle.executes().size() + b.executes().size() + c.executes().size() == sent
                && b.acquired.get() == b.executes().size()
                && c.acquired.get() == c.executes().size());
      }
      assertTrue(idle.executes().size() <= 2,
          "the member sitting on its executes got " + idle.executes().size() + " of 60");
      assertTrue(b.executes().size() > 10 && c.executes().size() > 10,
          "both working members share the load: " + b.executes().size() + "/" + c.executes().size());
    }
  }

  @Test
  void aUnicastWaitsForItsWorkerWhileAnycastsGoToWhoeverIsThere() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker present = h.connect("g", "present");
      h.createPromise("uni-1", "poll://uni@g/absent");
      h.createPromise("any-1", "poll://any@g/absent");
      eventually(5, "the anycast falls back to the group", () -> present.executes().size() == 1);
      assertEquals("any-1", present.executes().get(0).task().id());
      assertEquals(1, stats(h).parked(), "the unicast is parked for its worker");

      SseWorker absent = h.connect("g", "absent");
      eventually(5, "the unicast reaches its worker on connect", () -> absent.executes().size() == 1);
      assertEquals("uni-1", absent.executes().get(0).task().id());
      assertEquals(1, present.executes().size());
      eventually(5, "nothing left parked", () -> stats(h).parked() == 0);
    }
  }

  @Test
  void messagesForAGroupWithoutWorkersSurviveARestartOfTheEmbeddedStore(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("restart.db");
    try (PollHarness h = PollHarness.start("--debug", "--store", "embedded", "--db", db.toString())) {
      h.createPromise("durable-1", "poll://any@later");
      assertEquals(1, h.outbox().size());
      h.restart();
      assertTrue(Files.exists(db));
      h.createPromise("durable-2", "poll://any@later");
      SseWorker late = h.connect("later", "w");
      eventually(10, "both executes delivered after the restart", () -> late.executes().size() == 2);
      eventually(5, "and acknowledged", () -> h.outbox().isEmpty());
    }
  }

  @Test
  void aWorkerThatStopsReadingIsBoundedAndTheRestOfTheGroupKeepsReceiving() {
    int bufferSize = 4;
    try (PollHarness h = PollHarness.start("--debug", "--transports-http-poll-buffer-size", String.valueOf(bufferSize))) {
      SseWorker stuck = h.connect("g", "stuck");
      SseWorker healthy = h.connect("g", "healthy").acquiring("healthy");
      stuck.pause();
      String big = "A".repeat(512 * 1024);
      int unblocks = 40;
      for (int i = 0; i < unblocks; i++) {
        String id = "big-" + i;
        h.createPromise(id, null);
        assertEquals(200, h.rpc("promise.register_listener",
            new JsonObject().put("awaited", id).put("address", "poll://uni@g/stuck")).status());
        assertEquals(200, h.rpc("promise.settle", new JsonObject().put("id", id).put("state", "resolved")
            .put("value", new JsonObject().put("headers", new JsonObject()).put("data", big))).status());
      }
      // 20 MiB cannot all sit in socket buffers: the router must be holding some back.
      eventually(10, "unblocks held back for the stuck worker", () -> stats(h).parked() > 0);
      Router.Stats held = stats(h);
      assertTrue(held.inFlight() <= bufferSize + 1, "in flight to the stuck worker: " + held.inFlight());
      assertTrue(held.parked() <= unblocks);

      for (int i = 0; i < 20; i++) {
        h.createPromise("meanwhile-" + i, "poll://any@g");
      }
      eventually(5, "the healthy member gets the group's work", () -> healthy.executes().size() == 20);
      assertTrue(stuck.executes().isEmpty());

      stuck.resume();
      eventually(20, "the stuck worker catches up once it reads again",
          () -> stuck.messages.stream().filter(Unblock.class::isInstance).count() == unblocks);
      eventually(5, "nothing parked, nothing left in the outbox",
          () -> stats(h).parked() == 0 && h.outbox().isEmpty());
    }
  }

  @Test
  void debugStartPausesDeliveryAndDebugStopResumesIt() {
    try (PollHarness h = PollHarness.start("--debug")) {
      SseWorker w = h.connect("g", "w");
      assertEquals(200, h.rpc("debug.start", new JsonObject()).status());
      h.createPromise("paused-1", "poll://any@g");
      assertEquals(1, h.outbox().size(), "visible in debug.snap while paused");
      assertTrue(w.executes().isEmpty());
      assertEquals(200, h.rpc("debug.stop", new JsonObject()).status());
      eventually(10, "delivered after debug.stop", () -> w.executes().size() == 1);
      eventually(5, "acknowledged", () -> h.outbox().isEmpty());
    }
  }

  @Test
  void debugResetForgetsParkedMessagesOfTheDiscardedState() {
    try (PollHarness h = PollHarness.start("--debug")) {
      h.createPromise("before-reset", "poll://any@g");
      PollHarness.eventually(5, "parked", () -> stats(h).parked() == 1);
      assertEquals(200, h.rpc("debug.reset", new JsonObject()).status());
      assertEquals(0, stats(h).parked());
      assertTrue(h.outbox().isEmpty());
      SseWorker w = h.connect("g", "w");
      h.createPromise("after-reset", "poll://any@g");
      eventually(5, "the new execute arrives", () -> w.executes().size() == 1);
      assertEquals("after-reset", w.executes().get(0).task().id(), "nothing from before the reset");
    }
  }
}
