package dev.sustain.server.transport.sse;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.server.config.PollConfig;
import dev.sustain.server.routing.Router;
import dev.sustain.server.transport.http.HttpRouter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /poll/{group}/{id}} (spec §1.9): registers the connection with the {@link Router} and answers 200
 * {@code text/event-stream}, kept open; 503 {@code Poll registration at capacity} when the connection cap is
 * reached. The SDK URL-encodes both segments and, when its base URL ends in {@code /}, asks for
 * {@code //poll/...}; both spellings are served.
 *
 * <p>Thread-safe: stateless; each stream's {@link SseOutlet} lives on the context of its connection.
 */
public final class PollEndpoint implements HttpRouter.Route {

  static final String EVENT_STREAM = "text/event-stream";

  private final Vertx vertx;
  private final Router router;
  private final ProtocolCodec codec;
  private final PollConfig config;

  public PollEndpoint(Vertx vertx, Router router, ProtocolCodec codec, PollConfig config) {
    this.vertx = vertx;
    this.router = router;
    this.codec = codec;
    this.config = config;
  }

  /** Adds {@code GET /poll/{group}/{id}} and its double-slash spelling to the HTTP router. */
  public HttpRouter.Builder mount(HttpRouter.Builder routes) {
    return routes
        .route(HttpMethod.GET, "/poll/{group}/{id}", this)
        .route(HttpMethod.GET, "//poll/{group}/{id}", this);
  }

  @Override
  public void handle(HttpServerRequest request, Map<String, String> params) {
    HttpServerResponse response = request.response();
    String group = decodeSegment(params.get("group"));
    String id = decodeSegment(params.get("id"));
    if (group == null || id == null) {
      plain(response, 400, "Invalid percent-encoding in poll path");
      return;
    }
    Context context = vertx.getOrCreateContext();
    // Head prepared before registering: a message routed the instant the connection is known sends it implicitly.
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    SseOutlet outlet =
        new SseOutlet(vertx, context, response, request.connection(), group, id, codec, config.bufferSize());
    router.connect(outlet).onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded()) {
        outlet.open(config.keepAliveInterval(), () -> router.drained(outlet));
      } else if (!response.headWritten()) {
        response.setChunked(false);
        plain(response, 503, Router.CapacityException.MESSAGE);
      }
    }));
  }

  private static void plain(HttpServerResponse response, int status, String body) {
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(body);
  }

  /**
   * Percent-decodes one path segment as UTF-8; {@code +} stays a plus (it means space only in query strings).
   * Null if the encoding or the UTF-8 is malformed.
   */
  static String decodeSegment(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      int literalEnd = percent < 0 ? raw.length() : percent;
      // Literal runs are encoded whole, so characters outside the BMP keep both halves of their surrogate pair.
      byte[] literal = raw.substring(i, literalEnd).getBytes(StandardCharsets.UTF_8);
      bytes.write(literal, 0, literal.length);
      if (percent < 0) {
        break;
      }
      if (percent + 2 >= raw.length()) {
        return null;
      }
      int hi = Character.digit(raw.charAt(percent + 1), 16);
      int lo = Character.digit(raw.charAt(percent + 2), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      bytes.write(hi << 4 | lo);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
