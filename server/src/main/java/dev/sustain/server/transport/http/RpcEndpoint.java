package dev.sustain.server.transport.http;

import dev.sustain.protocol.Status;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.server.rpc.RpcProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * {@code POST /}: accumulates the body up to the configured limit, hands it to the {@link RpcProcessor} and
 * writes the envelope it answers as one buffer, with HTTP status = {@code head.status} and
 * {@code Content-Type: application/json}.
 *
 * <p>A body over the limit gets 413 at once. If its {@code Content-Length} announced that, the connection is
 * closed after the answer rather than reading a body nobody wants; a chunked body is read to its end and
 * discarded, keeping the connection usable.
 *
 * <p>Threading: runs on the event loop of the connection; never blocks. Stateless apart from the per-request
 * body, so one instance serves every event loop.
 */
public final class RpcEndpoint implements HttpRouter.Route {
  private static final int INITIAL_CAPACITY_CAP = 64 * 1024;

  private final RpcProcessor processor;
  private final int maxBodyBytes;

  public RpcEndpoint(RpcProcessor processor, int maxBodyBytes) {
    this.processor = processor;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpServerRequest request, Map<String, String> params) {
    long declared = declaredLength(request);
    if (declared > maxBodyBytes) {
      request.pause();
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      send(request, tooLarge()).onComplete(v -> request.connection().close());
      return;
    }
    if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
      request.response().writeContinue();
    }
    BodyReader reader = new BodyReader(request, declared);
    request.handler(reader::chunk);
    request.endHandler(v -> reader.end());
    // A reset connection has nobody left to answer; Vert.x already released the request.
    request.exceptionHandler(e -> reader.abandon());
  }

  /** The body of one request, confined to its connection's event loop. */
  private final class BodyReader {
    private final HttpServerRequest request;
    private Buffer body;
    private boolean rejected;

    BodyReader(HttpServerRequest request, long declared) {
      this.request = request;
      // Sized from Content-Length only up to a point: a client announcing the full limit and sending nothing
      // must not pin that much memory per connection.
      this.body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), INITIAL_CAPACITY_CAP));
    }

    void chunk(Buffer chunk) {
      if (rejected) {
        return;
      }
      if ((long) body.length() + chunk.length() > maxBodyBytes) {
        rejected = true;
        body = null;
        send(request, tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    }

    void end() {
      if (rejected) {
        return;
      }
      byte[] bytes = body.getBytes();
      body = null;
      processor.process(bytes).onComplete(result -> {
        if (!request.response().ended() && !request.response().closed()) {
          send(request, result.result());
        }
      });
    }

    void abandon() {
      rejected = true;
      body = null;
    }
  }

  private Response<?> tooLarge() {
    return Response.error(DecodeException.UNKNOWN_KIND, DecodeException.UNKNOWN_CORR_ID, Status.PAYLOAD_TOO_LARGE,
        "Request body too large: the limit is " + maxBodyBytes + " bytes");
  }

  private io.vertx.core.Future<Void> send(HttpServerRequest request, Response<?> response) {
    HttpServerResponse http = request.response();
    return http
        .setStatusCode(response.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, JsonErrors.APPLICATION_JSON)
        .end(Buffer.buffer(processor.encode(response)));
  }

  /** The announced body length, or -1 when absent or unreadable (then the accumulated length is checked). */
  private static long declaredLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
