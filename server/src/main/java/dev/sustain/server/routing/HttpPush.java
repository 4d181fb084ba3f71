package dev.sustain.server.routing;

import dev.sustain.server.config.PushConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers messages to {@code http(s)://} addresses (spec §1.10): {@code POST <address>} with the message JSON and
 * {@code Content-Type: application/json}; any 2xx is a delivery, anything else fails the returned future. No
 * retries here: a failed message stays in the outbox for the task retry timer or a later router pass.
 *
 * <p>At most {@code concurrency} requests are in flight; up to {@code queueSize} more wait for a slot; beyond that
 * {@link #push} fails at once instead of buffering without bound.
 *
 * <p>Confined to the router's context (requests are issued from it, so their callbacks run on it too).
 */
public final class HttpPush {

  private static final Logger LOG = Logger.getLogger(HttpPush.class.getName());

  private record Job(String url, Buffer body, Promise<Void> done) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final PushConfig config;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private int inFlight;

  public HttpPush(Vertx vertx, PushConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout()))
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(config.concurrency()));
  }

  /** Requests in flight plus waiting; for tests and metrics. */
  public int pending() {
    return inFlight + queue.size();
  }

  /** POSTs {@code json} to {@code url}; completes on a 2xx answer, fails otherwise or when the queue is full. */
  public Future<Void> push(String url, byte[] json) {
    Promise<Void> done = Promise.promise();
    Job job = new Job(url, Buffer.buffer(json), done);
    if (inFlight < config.concurrency()) {
      start(job);
    } else if (queue.size() < config.queueSize()) {
      queue.add(job);
    } else {
      done.fail(new PushException("HTTP push queue full (" + config.queueSize() + " waiting)"));
    }
    return done.future();
  }

  private void start(Job job) {
    inFlight++;
    RequestOptions options;
    try {
      options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(job.url())
              .setConnectTimeout(config.connectTimeout())
              .setIdleTimeout(config.requestTimeout())
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    } catch (RuntimeException e) {
      finish(job, Future.failedFuture(new PushException("Invalid push address " + job.url())));
      return;
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> attempt = Promise.promise();
    // The idle timeout only bounds silence between packets; this bounds the whole exchange.
    long timer =
        vertx.setTimer(
            config.requestTimeout(),
            t -> attempt.tryFail(new PushException("HTTP push timed out after " + config.requestTimeout() + " ms")));
    client
        .request(options)
        .compose(
            request -> {
              attempt.future().onFailure(e -> request.reset());
              return request.send(job.body());
            })
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        ignored ->
                            response.statusCode() / 100 == 2
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(
                                    new PushException(
                                        "HTTP push to " + job.url() + " answered " + response.statusCode()))))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            attempt.tryComplete();
          } else {
            attempt.tryFail(ar.cause());
          }
        });
    attempt
        .future()
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              if (Vertx.currentContext() == context) {
                finish(job, ar);
              } else {
                context.runOnContext(v -> finish(job, ar));
              }
            });
  }

  private void finish(Job job, io.vertx.core.AsyncResult<Void> result) {
    inFlight--;
    if (result.failed() && LOG.isLoggable(Level.FINE)) {
      LOG.fine("push failed: " + result.cause().getMessage());
    }
    if (result.succeeded()) {
      job.done().tryComplete();
    } else {
      job.done().tryFail(result.cause());
    }
    Job next = queue.poll();
    if (next != null) {
      start(next);
    }
  }

  /** Closes the client; queued deliveries fail and stay in the outbox. */
  public Future<Void> close() {
    Job job;
    while ((job = queue.poll()) != null) {
      job.done().tryFail(new PushException("server shutting down"));
    }
    return client.close();
  }

  /** A push that did not end in a 2xx answer. Stackless: an expected outcome, logged by the router. */
  public static final class PushException extends RuntimeException {
    PushException(String message) {
      super(message, null, false, false);
    }
  }
}
