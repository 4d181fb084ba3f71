package dev.sustain.server.store.postgres;

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
import dev.sustain.server.core.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Drives a {@link PgStore} on a fresh schema of the test PostgreSQL in-process, with the checks the server makes
 * before the store (the {@code debug.tick} time check, {@link RequestRules}, {@code debug.start}/{@code debug.stop}
 * answered without the store), exactly as {@code OracleDriver} does. Every request waits for its commit. Used from
 * a test thread, never from an event loop. {@link #close()} drops the schema.
 */
final class PgStoreDriver implements ProtocolDriver, AutoCloseable {
  private final Vertx vertx;
  private final String schema;
  private final PgStore store;
  private final RuleOptions rules;
  private long corrIds;

  private final String url;

  private PgStoreDriver(Vertx vertx, String schema, PgStore store, PgStoreOptions options) {
    this.vertx = vertx;
    this.schema = schema;
    this.url = options.url();
    this.store = store;
    this.rules = new RuleOptions(options.engine().strictLineage());
  }

  static PgStoreDriver open() {
    return open(PgTestSupport.freshSchema(), PgStoreOptions.DEFAULT_CONNECTIONS);
  }

  /** A store on {@code schema} with {@code connections} batches in flight (1 = batches in submission order). */
  static PgStoreDriver open(String schema, int connections) {
    PgTestSupport.requirePostgres();
    return open(PgTestSupport.url(), schema, connections);
  }

  /** A store on another database (the outage cluster). */
  static PgStoreDriver open(String url, String schema, int connections) {
    Vertx vertx = Vertx.vertx();
    PgStoreOptions options = PgStoreOptions.of(url).withSchema(schema).withConnections(connections);
    PgStore store = PgTestSupport.await(PgStore.start(vertx, options));
    return new PgStoreDriver(vertx, schema, store, options);
  }

  @Override
  public Response<?> send(RequestData data, long now) {
    String corrId = "c" + (++corrIds);
    Outcome outcome = PgTestSupport.await(answer(corrId, data, now));
    return Response.of(data.kind().wire(), corrId, outcome.status(), outcome.data());
  }

  /** The server's pre-store checks, then the store; asynchronous so tests can send many at once. */
  Future<Outcome> answer(String corrId, RequestData data, long now) {
    if (data instanceof DebugTick tick && tick.time() != now) {
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
    Outcome outcome = PgTestSupport.await(store.apply("reset", new DebugReset(), 0));
    if (outcome.status() != 200) {
      throw new IllegalStateException("debug.reset answered " + outcome);
    }
  }

  PgStore store() {
    return store;
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    try {
      PgTestSupport.await(store.close());
      PgTestSupport.dropSchema(vertx, url, schema);
    } finally {
      PgTestSupport.await(vertx.close());
    }
  }
}
