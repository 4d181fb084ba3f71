package dev.sustain.server.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.state.ChangeSet;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.RowKey;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's guarantees: group commit, per-unit failure isolation, all-or-nothing batches, bounded queue,
 * completion on the submitting context, durable close.
 */
class SqliteWriterTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private Vertx vertx;
  private SqliteWriter writer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    writer = open(1024, 512);
  }

  @AfterEach
  void stop() throws Exception {
    await(writer.close());
    await(vertx.close());
  }

  private SqliteWriter open(int maxQueue, int maxBatch) throws Exception {
    return await(SqliteWriter.open(vertx, dir.resolve("test.db"), maxQueue, maxBatch, "test-sqlite-writer"));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static PromiseRecord promise(String id) {
    return new PromiseRecord(id, PromiseState.PENDING, Value.of("p"), Value.EMPTY, Map.of(), T0 + 1000, T0, null);
  }

  private static SqliteWriter.Unit<String> put(String id) {
    return state -> {
      state.put(new PromiseRow(promise(id)));
      return id;
    };
  }

  /** Occupies the writer until the returned latch is released, so the next submissions share one batch. */
  private CountDownLatch holdWriter() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    writer.submit(
        state -> {
          running.countDown();
          release.await();
          return null;
        });
    assertTrue(running.await(10, TimeUnit.SECONDS));
    return release;
  }

  @Test
  void oneThousandConcurrentSubmissionsFromSeveralEventLoopsAreAllAnsweredOnTheirOwnContexts() throws Exception {
    int loops = 4;
    int perLoop = 250;
    ConcurrentLinkedQueue<String> wrongContext = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Void>> loopsDone = new ArrayList<>();
    long batchesBefore = writer.batches();
    long started = System.nanoTime();
    for (int l = 0; l < loops; l++) {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Void> done = new CompletableFuture<>();
      loopsDone.add(done);
      int loop = l;
      context.runOnContext(
          v -> {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < perLoop; i++) {
              String id = "loop" + loop + "-" + i;
              answers.add(
                  writer
                      .submit(put(id))
                      .andThen(
                          ar -> {
                            if (Vertx.currentContext() != context || writer.onWriterThread()) {
                              wrongContext.add(id);
                            }
                          }));
            }
            Future.all(answers).onComplete(ar -> {
              if (ar.succeeded()) {
                done.complete(null);
              } else {
                done.completeExceptionally(ar.cause());
              }
            });
          });
    }
    CompletableFuture.allOf(loopsDone.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertTrue(wrongContext.isEmpty(), "completed off the submitting context: " + wrongContext);
    long batches = writer.batches() - batchesBefore;
    System.getLogger(getClass().getName())
        .log(
            System.Logger.Level.INFO,
            String.format(
                "group commit: %d units in %d batches (avg %.1f, largest %d) in %.3f s, %.0f units/s",
                loops * perLoop, batches, (double) loops * perLoop / batches, writer.largestBatch(), seconds,
                loops * perLoop / seconds));
    assertTrue(batches < loops * perLoop, "expected batches to cover several units, got " + batches);
    assertTrue(writer.largestBatch() > 1);
    assertEquals(loops * perLoop, (int) await(writer.submit(state -> state.rows(Table.PROMISES).size())));
  }

  @Test
  void aUnitThatThrowsFailsAloneAndOnlyItsWritesAreRolledBack() throws Exception {
    CountDownLatch release = holdWriter();
    Future<String> a = writer.submit(put("a"));
    Future<String> b =
        writer.submit(
            state -> {
              state.put(new PromiseRow(promise("b")));
              throw new IllegalStateException("engine bug");
            });
    Future<String> c = writer.submit(put("c"));
    release.countDown();

    assertEquals("a", await(a));
    assertEquals("c", await(c));
    Throwable failure = failureOf(b);
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("engine bug", failure.getMessage());
    boolean bWritten = await(writer.submit(state -> state.promise("b").isPresent()));
    boolean acWritten = await(writer.submit(state -> state.promise("a").isPresent() && state.promise("c").isPresent()));
    assertFalse(bWritten);
    assertTrue(acWritten);
  }

  @Test
  void aLoneUnitThatThrowsFailsWithItsOwnErrorAndWritesNothing() throws Exception {
    Future<String> lone = writer.submit(state -> {
      state.put(new PromiseRow(promise("lone")));
      throw new IllegalStateException("engine bug, alone");
    });
    Throwable failure = failureOf(lone);
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals("engine bug, alone", failure.getMessage());
    boolean loneWritten = await(writer.submit(state -> state.promise("lone").isPresent()));
    assertFalse(loneWritten);
    assertEquals("after", await(writer.submit(put("after"))));
    boolean afterWritten = await(writer.submit(state -> state.promise("after").isPresent()));
    assertTrue(afterWritten);
  }

  @Test
  void theCommitHookSeesTheNetChangesOfTheSuccessfulUnitsOnly() throws Exception {
    List<ChangeSet> hooks = new ArrayList<>();
    CountDownLatch hooked = new CountDownLatch(1);
    CountDownLatch release = holdWriter();
    writer.hook(
        (state, batch) -> {
          if (!batch.isEmpty()) {
            hooks.add(batch);
            hooked.countDown();
          }
        });
    writer.submit(put("a"));
    writer.submit(
        state -> {
          state.put(new PromiseRow(promise("b")));
          throw new IllegalStateException("engine bug");
        });
    Future<String> last = writer.submit(put("c"));
    release.countDown();
    await(last);
    assertTrue(hooked.await(10, TimeUnit.SECONDS));
    assertEquals(1, hooks.size());
    assertEquals(
        List.of(RowKey.of(Table.PROMISES, "a"), RowKey.of(Table.PROMISES, "c")),
        new ArrayList<>(hooks.get(0).changes().keySet()));
  }

  @Test
  void theCommitHookRunsBeforeAnyUnitOfItsBatchIsAnswered() throws Exception {
    // The hook hands a batch's messages to the router; they must be on their way before the answers are.
    List<Boolean> hookedBeforeAnswer = new CopyOnWriteArrayList<>();
    AtomicBoolean hooked = new AtomicBoolean();
    writer.hook((state, batch) -> {
      if (!batch.isEmpty()) {
        hooked.set(true);
      }
    });
    CountDownLatch release = holdWriter();
    List<Future<String>> answers = new ArrayList<>();
    for (String id : List.of("h1", "h2", "h3")) {
      Future<String> answer = writer.submit(put(id));
      answer.onComplete(ar -> hookedBeforeAnswer.add(hooked.get()));
      answers.add(answer);
    }
    release.countDown();
    for (Future<String> answer : answers) {
      await(answer);
    }
    assertEquals(List.of(true, true, true), hookedBeforeAnswer);
  }

  @Test
  void aLostTransactionFailsTheWholeBatchAndWritesNothingOfIt() throws Exception {
    CountDownLatch release = holdWriter();
    Future<String> a = writer.submit(put("a"));
    Future<String> b =
        writer.submit(
            state -> {
              state.put(new PromiseRow(promise("b")));
              // What SQLite does on its own after some I/O errors: the transaction is gone.
              try (Statement st = state.connection().createStatement()) {
                st.execute("ROLLBACK");
              }
              throw new IllegalStateException("I/O error");
            });
    Future<String> c = writer.submit(put("c"));
    release.countDown();

    assertInstanceOf(StoreUnavailableException.class, failureOf(a));
    assertInstanceOf(StoreUnavailableException.class, failureOf(b));
    assertInstanceOf(StoreUnavailableException.class, failureOf(c));
    assertEquals(0, (int) await(writer.submit(state -> state.rows(Table.PROMISES).size())));
    assertEquals("d", await(writer.submit(put("d"))), "the writer keeps serving after an aborted batch");
  }

  @Test
  void aFullDiskFailsWithStoreUnavailableAndWritesNothingOfThatUnit() throws Exception {
    await(writer.submit(put("small")));
    await(
        writer.submit(
            state -> {
              try (Statement st = state.connection().createStatement()) {
                // Caps the file at its current size: the next growth fails with SQLITE_FULL, as a full disk would.
                st.execute("PRAGMA max_page_count = " + pageCount(st));
              }
              return null;
            }));
    String big = "x".repeat(1 << 20);
    Future<String> tooBig =
        writer.submit(
            state -> {
              state.put(new PromiseRow(promise("partial")));
              state.put(
                  new PromiseRow(
                      new PromiseRecord("big", PromiseState.PENDING, Value.of(big), Value.EMPTY, Map.of(), T0, T0,
                          null)));
              return "big";
            });
    assertInstanceOf(StoreUnavailableException.class, failureOf(tooBig));
    assertEquals(
        List.of("small"),
        await(
            writer.submit(
                state -> {
                  List<String> ids = new ArrayList<>();
                  state.rows(Table.PROMISES).forEach(r -> ids.add(((PromiseRow) r).id()));
                  return ids;
                })));
  }

  private static long pageCount(Statement st) throws Exception {
    try (var rs = st.executeQuery("PRAGMA page_count")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aFullQueueFailsFastWithStoreUnavailable() throws Exception {
    await(writer.close());
    writer = open(4, 512);
    CountDownLatch release = holdWriter();
    List<Future<String>> queued = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      queued.add(writer.submit(put("q" + i)));
    }
    Future<String> rejected = writer.submit(put("over"));
    assertTrue(rejected.failed(), "rejected at once, without waiting for the writer");
    assertInstanceOf(StoreUnavailableException.class, rejected.cause());
    release.countDown();
    for (Future<String> f : queued) {
      await(f);
    }
    assertEquals("again", await(writer.submit(put("again"))), "the queue accepts again once drained");
  }

  @Test
  void closeCommitsEverythingQueuedAndAReopenedFileHoldsEveryAnsweredRow() throws Exception {
    CountDownLatch release = holdWriter();
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(writer.submit(put("d" + i)));
    }
    Future<Void> closing = writer.close();
    assertInstanceOf(StoreUnavailableException.class, failureOf(writer.submit(put("late"))));
    release.countDown();
    await(closing);
    for (Future<String> f : answers) {
      assertTrue(f.succeeded());
    }
    await(writer.close());

    writer = open(1024, 512);
    List<String> ids =
        await(
            writer.submit(
                state -> {
                  List<String> out = new ArrayList<>();
                  state.rows(Table.PROMISES).forEach(r -> out.add(((PromiseRow) r).id()));
                  return out;
                }));
    assertEquals(100, ids.size());
    assertEquals(promise("d42"), await(writer.submit(state -> state.promise("d42").orElseThrow())));
  }

  @Test
  void anEmptyDirectoryPathIsCreatedAndTheFileUsesWalWithFullSync() throws Exception {
    await(writer.close());
    writer = await(SqliteWriter.open(vertx, dir.resolve("a/b/c.db"), 16, 16, "test-sqlite-writer"));
    List<String> pragmas =
        await(
            writer.submit(
                state -> {
                  List<String> out = new ArrayList<>();
                  try (Statement st = state.connection().createStatement()) {
                    for (String p : List.of("journal_mode", "synchronous", "user_version")) {
                      try (var rs = st.executeQuery("PRAGMA " + p)) {
                        rs.next();
                        out.add(rs.getString(1));
                      }
                    }
                  }
                  return out;
                }));
    assertEquals(List.of("wal", "2", String.valueOf(SqliteSchema.latestVersion())), pragmas);
  }

  @Test
  void aSecondWriterOnTheSameFileIsRefusedUntilTheFirstCloses() throws Exception {
    await(writer.submit(put("kept")));
    Throwable failure = failureOf(SqliteWriter.open(vertx, dir.resolve("test.db"), 16, 16, "second-writer"));
    assertInstanceOf(StoreUnavailableException.class, failure);
    assertTrue(String.valueOf(failure.getCause()).contains("in use by another Sustain server"),
        String.valueOf(failure.getCause()));
    assertEquals("after", await(writer.submit(put("after"))), "the first writer keeps serving");
    await(writer.close());
    writer = open(16, 16);
    boolean both = await(writer.submit(state -> state.promise("kept").isPresent() && state.promise("after").isPresent()));
    assertTrue(both, "everything the first writer answered is in the file");
  }

  @Test
  void aFileThatIsNotADatabaseFailsToOpenWithStoreUnavailable() throws Exception {
    Path garbage = dir.resolve("garbage.db");
    java.nio.file.Files.write(garbage, "not a SQLite database, just text long enough to hold a header".repeat(100)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Throwable failure = failureOf(SqliteWriter.open(vertx, garbage, 16, 16, "test-sqlite-writer"));
    assertInstanceOf(StoreUnavailableException.class, failure);
    assertTrue(failure.getMessage().contains("garbage.db"), failure.getMessage());
  }

  @Test
  void aFileFromANewerSchemaVersionIsRefusedAndLeftUntouched() throws Exception {
    await(
        writer.submit(
            state -> {
              try (Statement st = state.connection().createStatement()) {
                st.execute("PRAGMA user_version = " + (SqliteSchema.latestVersion() + 1));
              }
              return null;
            }));
    await(writer.close());
    Throwable failure = failureOf(SqliteWriter.open(vertx, dir.resolve("test.db"), 16, 16, "test-sqlite-writer"));
    assertInstanceOf(StoreUnavailableException.class, failure);
    assertTrue(String.valueOf(failure.getCause()).contains("newer"), String.valueOf(failure.getCause()));
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
        Statement st = c.createStatement()) {
      assertEquals(SqliteSchema.latestVersion() + 1, SqliteSchema.userVersion(st));
      // Back to a version this code can open, so the test ends with a writer to close.
      st.execute("PRAGMA user_version = " + SqliteSchema.latestVersion());
    }
    writer = open(16, 16);
  }

  @Test
  void completionsFromANonVertxThreadRunOnAVertxContextNotTheWriter() throws Exception {
    CompletableFuture<Boolean> onVertx = new CompletableFuture<>();
    writer
        .submit(put("x"))
        .onComplete(ar -> onVertx.complete(Vertx.currentContext() != null && !writer.onWriterThread()));
    assertTrue(onVertx.get(10, TimeUnit.SECONDS));
    assertSame(String.class, await(writer.submit(put("y"))).getClass());
  }
}
