package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugStop;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-driven time on the wall clock: with a safety pass only every ten minutes, a promise still times out at
 * its deadline (the next-due timer), and {@code debug.start}/{@code debug.stop} freeze and resume that. State is
 * read with {@code debug.snap}, which does not materialise timeouts itself.
 */
class TimersIT {
  private static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("sustain-timers");
    server = TestServer.start("--debug", "--db", dir.resolve("sustain.db").toString(),
        "--timeouts-poll-interval", "600000");
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    TempFiles.delete(dir);
  }

  @AfterEach
  void resume() {
    server.client().send(new DebugStop(), null);
  }

  @Test
  void aPromiseTimesOutAtItsDeadlineWithoutWaitingForTheSafetyPass() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 400;
    create("due-1", deadline);
    PromiseRecord timedOut = awaitState("due-1", PromiseState.REJECTED_TIMEDOUT, 5_000);
    assertTrue(System.currentTimeMillis() >= deadline, "not before the deadline");
    assertEquals(deadline, timedOut.settledAt(), "settled at its timeout");
  }

  @Test
  void debugStartFreezesServerTimeAndDebugStopCatchesUp() throws InterruptedException {
    server.client().send(new DebugStart(), null);
    create("frozen-1", System.currentTimeMillis() + 100);
    Thread.sleep(700);
    assertEquals(PromiseState.PENDING, snapshot("frozen-1").state(), "no pass runs while paused");
    server.client().send(new DebugStop(), null);
    awaitState("frozen-1", PromiseState.REJECTED_TIMEDOUT, 5_000);
  }

  private static void create(String id, long timeoutAt) {
    Response<?> response = server.client().send(new PromiseCreate(id, timeoutAt, null, null), null);
    assertEquals(200, response.status(), response.toString());
  }

  private static PromiseRecord awaitState(String id, PromiseState state, long withinMs) throws InterruptedException {
    long until = System.currentTimeMillis() + withinMs;
    PromiseRecord promise = snapshot(id);
    while (promise.state() != state && System.currentTimeMillis() < until) {
      Thread.sleep(20);
      promise = snapshot(id);
    }
    assertEquals(state, promise.state(), "state of " + id + " within " + withinMs + " ms");
    return promise;
  }

  private static PromiseRecord snapshot(String id) {
    Response<?> response = server.client().send(new DebugSnap(), null);
    return ((DebugSnapResult) response.data()).promises().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no promise " + id + " in debug.snap"));
  }
}
