package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Table;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answered write survives the process being killed with SIGKILL mid-stream: a child JVM
 * ({@link KilledWriterMain}) writes under load and prints what was answered; after the kill every printed promise
 * is in the reopened file, with its task and execute message.
 */
class EmbeddedStoreCrashTest {
  @TempDir Path dir;

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyAnsweredCreateSurvivesASigkill() throws Exception {
    Path file = dir.resolve("killed.db");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledWriterMain.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> answered = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; answered.size() < 2_000 && (line = lines.readLine()) != null; ) {
        answered.add(line);
      }
      // SIGKILL while the child is still writing: no shutdown hook, no close, no final commit. Through the
      // handle, because Process.destroyForcibly also closes our end of its stdout, losing answered ids.
      assertTrue(child.toHandle().destroyForcibly());
      for (String line; (line = lines.readLine()) != null; ) {
        answered.add(line);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(answered.size() >= 2_000, "the child answered only " + answered.size() + " creates");

    Vertx vertx = Vertx.vertx();
    try {
      EmbeddedStore store = await(EmbeddedStore.open(vertx, EmbeddedStoreOptions.of(file, null)));
      Set<String> stored =
          new HashSet<>(
              await(
                  store.read(
                      state -> {
                        List<String> ids = new ArrayList<>();
                        state.rows(Table.PROMISES).forEach(r -> ids.add(((PromiseRow) r).id()));
                        return ids;
                      })));
      Set<String> missing = new HashSet<>(answered);
      missing.removeAll(stored);
      assertEquals(Set.of(), missing, "answered but lost");
      assertEquals(stored.size(), (int) await(store.read(state -> state.rows(Table.TASKS).size())));
      assertEquals(stored.size(), (int) await(store.read(state -> state.rows(Table.OUTBOX_EXECUTE).size())));
      await(store.close());
    } finally {
      await(vertx.close());
    }
  }
}
