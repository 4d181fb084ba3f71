package dev.sustain.server.store.embedded;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.EngineConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link EmbeddedStoreCrashTest} kills: opens the store on {@code args[0]} and creates promises from
 * two event loops without end, printing each id on its own line only once its create was answered. Whatever it
 * printed must be in the file after a SIGKILL.
 */
public final class KilledWriterMain {
  private KilledWriterMain() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedStore store =
        EmbeddedStore.open(
                vertx,
                new EmbeddedStoreOptions(Path.of(args[0]), EngineConfig.DEFAULTS, null, 10_000, 512))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    PrintStream out = System.out;
    AtomicLong ids = new AtomicLong();
    for (int l = 0; l < 2; l++) {
      Context context = vertx.getOrCreateContext();
      context.runOnContext(
          v -> {
            for (int i = 0; i < 32; i++) {
              next(store, ids, out);
            }
          });
    }
    Thread.currentThread().join();
  }

  private static void next(EmbeddedStore store, AtomicLong ids, PrintStream out) {
    String id = "k" + ids.incrementAndGet();
    long now = 1_700_000_000_000L;
    store
        .apply(id, new PromiseCreate(id, now + 60_000, Value.of("eA=="), Map.of(Tags.TARGET, "poll://any@g")), now)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().status() == 200) {
                synchronized (out) {
                  out.println(id);
                  out.flush();
                }
              }
              next(store, ids, out);
            });
  }
}
