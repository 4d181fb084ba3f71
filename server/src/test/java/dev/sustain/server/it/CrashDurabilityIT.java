package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.model.PromiseState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durability of the real fat jar: a burst of concurrent {@code promise.create}s, the process killed mid-burst
 * (SIGKILL, no shutdown hook), a restart on the same file, and every create that was answered 200 must be there.
 * Then the same with SIGTERM: the process drains, exits 0, and again nothing answered is lost.
 */
class CrashDurabilityIT {
  private static final int WORKERS = 32;
  private static final long FAR = 9_999_999_999_999L;

  private Path dir;
  private final List<ServerProcess> started = new ArrayList<>();

  @BeforeEach
  void dir() throws IOException {
    dir = Files.createTempDirectory("sustain-crash");
  }

  @AfterEach
  void cleanUp() throws IOException {
    started.forEach(ServerProcess::destroy);
    TempFiles.delete(dir);
  }

  @Test
  void everyAnsweredCreateSurvivesSigkillAndSigterm() throws Exception {
    Path db = dir.resolve("sustain.db");
    Path log = dir.resolve("server.log");

    ServerProcess first = start(db, log);
    Burst killed = burst(first, "kill-", () -> {
      try {
        first.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    System.out.printf("SIGKILL burst: %d answered 200, %d failed or cut off%n", killed.answered.size(),
        killed.failed.get());
    assertTrue(killed.answered.size() >= 200, "the burst made progress before the kill");

    ServerProcess second = start(db, log);
    int found = countPresent(second, killed.answered);
    System.out.printf("after restart: %d of %d answered creates present%n", found, killed.answered.size());
    assertEquals(killed.answered.size(), found, "every create answered 200 before SIGKILL is durable");

    int[] exit = new int[1];
    Burst terminated = burst(second, "term-", () -> {
      try {
        exit[0] = second.terminate();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    System.out.printf("SIGTERM burst: %d answered 200, %d failed or refused; exit code %d%n",
        terminated.answered.size(), terminated.failed.get(), exit[0]);
    assertEquals(0, exit[0], "a drained shutdown exits 0; log:\n" + second.log());

    ServerProcess third = start(db, log);
    int foundAfterTerm = countPresent(third, terminated.answered);
    System.out.printf("after second restart: %d of %d answered creates present%n", foundAfterTerm,
        terminated.answered.size());
    assertEquals(terminated.answered.size(), foundAfterTerm, "every create answered 200 before SIGTERM is durable");
    assertEquals(killed.answered.size(), countPresent(third, killed.answered));
    assertEquals(0, third.terminate());
  }

  private ServerProcess start(Path db, Path log) throws IOException {
    ServerProcess process = ServerProcess.start(db, log);
    started.add(process);
    return process;
  }

  /** Ids answered 200 and the count of requests that got no answer (or not a 200). */
  private record Burst(Queue<String> answered, AtomicInteger failed) {}

  /**
   * Runs {@link #WORKERS} loops of {@code promise.create} against {@code server}; once 300 creates were answered
   * (or after 10 s) runs {@code stop} while the loops keep firing, then waits for every loop to notice.
   */
  private Burst burst(ServerProcess server, String prefix, Runnable stop) throws InterruptedException {
    RpcClient client = server.client();
    Burst burst = new Burst(new ConcurrentLinkedQueue<>(), new AtomicInteger());
    AtomicBoolean down = new AtomicBoolean();
    AtomicInteger sequence = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    for (int w = 0; w < WORKERS; w++) {
      workers.execute(() -> {
        int consecutiveFailures = 0;
        while (consecutiveFailures < 3) {
          String id = prefix + sequence.incrementAndGet();
          try {
            Response<?> response = client.send(new PromiseCreate(id, FAR, null, null), null);
            if (response.status() == 200) {
              burst.answered.add(id);
              consecutiveFailures = 0;
            } else {
              burst.failed.incrementAndGet();
            }
          } catch (UncheckedIOException | AssertionError e) {
            burst.failed.incrementAndGet();
            if (down.get()) {
              consecutiveFailures++;
            }
          }
        }
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (burst.answered.size() < 300 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    down.set(true);
    stop.run();
    workers.shutdown();
    assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS), "the loops noticed the server is gone");
    return burst;
  }

  private static int countPresent(ServerProcess server, Queue<String> ids) {
    RpcClient client = server.client();
    int present = 0;
    for (String id : ids) {
      Response<?> response = client.send(new PromiseGet(id), null);
      if (response.status() == 200
          && ((PromiseGetResult) response.data()).promise().state() == PromiseState.PENDING) {
        present++;
      }
    }
    return present;
  }
}
