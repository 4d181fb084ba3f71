package dev.sustain.bench.ceiling;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;

/**
 * One event loop of the ceiling server: {@code POST /} takes a {@code promise.create} envelope, decodes it with
 * the protocol codec, inserts the promise row through {@link GroupCommit} on this verticle's own pool, and
 * answers the encoded 200 once the row is committed. Nothing else: no validation beyond decoding, no engine, no
 * timers, no outbox. {@code GET /health} answers 200. Confined to its event loop.
 */
final class CeilingVerticle extends VerticleBase {
  private final CeilingOptions options;
  private final ProtocolCodec codec = ProtocolCodec.DEFAULT;
  private Pool pool;
  private GroupCommit commits;

  CeilingVerticle(CeilingOptions options) {
    this.options = options;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(options.connectionsPerLoop()))
        .connectingTo(PgConnectOptions.fromUri(options.pgUrl()).setCachePreparedStatements(true))
        .using(vertx)
        .build();
    commits = new GroupCommit(pool, options.maxBatch(), options.connectionsPerLoop());
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen(options.port());
  }

  private void handle(HttpServerRequest req) {
    if (req.method() == HttpMethod.GET && req.path().equals("/health")) {
      req.response().end();
      return;
    }
    req.body().onSuccess(body -> create(req, body));
  }

  private void create(HttpServerRequest req, Buffer body) {
    Request<?> request;
    try {
      request = codec.decodeRequest(body.getBytes());
    } catch (DecodeException e) {
      answer(req, Response.error(e.kind(), e.corrId(), 400, e.getMessage()));
      return;
    }
    String corrId = request.head().corrId();
    if (!(request.data() instanceof PromiseCreate create)) {
      answer(req, Response.error(request.kind().wire(), corrId, 400, "the ceiling server only takes promise.create"));
      return;
    }
    long now = System.currentTimeMillis();
    Value param = create.param();
    Tuple row = Tuple.of(create.id(),
        param.headers() == null ? null : new JsonObject(new HashMap<>(param.headers())),
        param.data(),
        new JsonObject(new HashMap<String, Object>(create.tags())),
        create.timeoutAt(),
        now);
    commits.submit(new GroupCommit.Insert(row, ar -> {
      if (ar.failed()) {
        answer(req, Response.error(Kind.PROMISE_CREATE.wire(), corrId, 503, "insert failed: " + ar.cause()));
        return;
      }
      PromiseRecord promise = new PromiseRecord(create.id(), PromiseState.PENDING, param, Value.EMPTY,
          create.tags(), create.timeoutAt(), now, null);
      answer(req, Response.of(Kind.PROMISE_CREATE.wire(), corrId, 200, new PromiseCreateResult(promise)));
    }));
  }

  private void answer(HttpServerRequest req, Response<?> response) {
    req.response()
        .setStatusCode(response.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Buffer.buffer(codec.encodeResponse(response)));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }
}
