package dev.sustain.server.transport.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import dev.sustain.protocol.codec.ProtocolCodec;
import io.vertx.core.buffer.Buffer;

/**
 * Answers outside the RPC protocol ({@code 404}, {@code 405}, {@code 410}) as a JSON object
 * {@code {"error": "..."}}, the shape the Rust server uses for them; protocol answers are envelopes instead.
 */
public final class JsonErrors {
  static final String APPLICATION_JSON = "application/json";

  private JsonErrors() {}

  /** Ends {@code response} with {@code status} and {@code {"error": message}}. */
  public static Future<Void> send(HttpServerResponse response, int status, String message) {
    return response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .end(Buffer.buffer(ProtocolCodec.DEFAULT.encodeHttpError(message)));
  }
}
