package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.DecodeException;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.RequestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking client of a test server over real HTTP/1.1 (the JDK client): raw bodies for the bad-input tests,
 * typed requests encoded and answers decoded by the protocol codec for everything else. Every protocol answer
 * is checked for the binding's invariants (HTTP status = {@code head.status}, JSON content type). Thread-safe.
 */
final class RpcClient {
  private static final ProtocolCodec CODEC = ProtocolCodec.DEFAULT;

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final AtomicLong corrIds = new AtomicLong();

  RpcClient(URI base) {
    this.base = base;
  }

  /** {@code POST /} with {@code body} as is. */
  HttpResponse<String> post(String body) {
    return exchange("POST", "/", body);
  }

  HttpResponse<String> exchange(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, publisher)
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code data} with a fresh corrId and, if {@code debugTime} is not null, {@code resonate:debug_time}. */
  Response<?> send(RequestData data, Long debugTime) {
    String corrId = "it-" + corrIds.incrementAndGet();
    return send(new Request<>(new RequestHead(corrId, ProtocolVersion.CURRENT, null, debugTime, Map.of()), data));
  }

  Response<?> send(Request<?> request) {
    HttpResponse<String> answer = post(new String(CODEC.encodeRequest(request), StandardCharsets.UTF_8));
    Response<?> response;
    try {
      response = CODEC.decodeResponse(request.kind(), answer.body().getBytes(StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new AssertionError("undecodable answer " + answer.statusCode() + " " + answer.body(), e);
    }
    assertEquals(answer.statusCode(), response.status(), "HTTP status = head.status");
    assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/json"),
        "JSON content type");
    assertEquals(request.head().corrId(), response.head().corrId(), "corrId echoed");
    return response;
  }
}
