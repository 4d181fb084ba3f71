package dev.sustain.server.store.embedded;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.validate.RequestRules;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.protocol.validate.Violation;
import dev.sustain.server.conformance.ProtocolDriver;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives an {@link EmbeddedStore} on a real file in-process, with the checks the server makes before the store
 * (the {@code debug.tick} time check, {@link RequestRules}, {@code debug.start}/{@code debug.stop} answered
 * without the store) exactly as {@code OracleDriver} does, so the two answer the same requests. Every request
 * waits for its durable commit. Used from a test thread, never from an event loop.
 */
public final class EmbeddedStoreDriver implements ProtocolDriver, AutoCloseable {
  private final Vertx vertx;
  private final EmbeddedStore store;
  private final RuleOptions rules;
  private long corrIds;

  private EmbeddedStoreDriver(Vertx vertx, EmbeddedStore store, EngineConfig config) {
    this.vertx = vertx;
    this.store = store;
    this.rules = new RuleOptions(config.strictLineage());
  }

  /** Opens a store on {@code file} with its own Vert.x instance. */
  public static EmbeddedStoreDriver open(Path file, EngineConfig config) {
    Vertx vertx = Vertx.vertx();
    EmbeddedStoreOptions options =
        new EmbeddedStoreOptions(
            file, config, null, EmbeddedStoreOptions.DEFAULT_MAX_QUEUE, EmbeddedStoreOptions.DEFAULT_MAX_BATCH);
    EmbeddedStore store = await(EmbeddedStore.open(vertx, options));
    return new EmbeddedStoreDriver(vertx, store, config);
  }

  @Override
  public Response<?> send(RequestData data, long now) {
    String corrId = "c" + (++corrIds);
    Outcome outcome = await(submit(corrId, data, now));
    return Response.of(data.kind().wire(), corrId, outcome.status(), outcome.data());
  }

  /**
   * Queues one request without waiting: requests submitted from one thread reach the writer, and so share
   * batches, in submission order. Answers that need no store are completed at once.
   */
  public Future<Outcome> submit(String corrId, RequestData data, long now) {
    if (data instanceof DebugTick && ((DebugTick) data).time() != now) {
      return Future.succeededFuture(Outcome.error(400, "resonate:debug_time must equal data.time"));
    }
    List<Violation> violations = RequestRules.check(data, rules);
    if (!violations.isEmpty()) {
      return Future.succeededFuture(Outcome.error(400, RequestRules.describe(violations)));
    }
    if (data.kind() == Kind.DEBUG_START || data.kind() == Kind.DEBUG_STOP) {
      return Future.succeededFuture(Outcome.ok(Empty.INSTANCE));
    }
    return store.apply(corrId, data, now);
  }

  @Override
  public void reset() {
    Outcome outcome = await(store.apply("reset", new DebugReset(), 0));
    if (outcome.status() != 200) {
      throw new IllegalStateException("debug.reset answered " + outcome);
    }
  }

  /** The store driven. */
  public EmbeddedStore store() {
    return store;
  }

  @Override
  public void close() {
    await(store.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("embedded store did not answer", e);
    }
  }
}
