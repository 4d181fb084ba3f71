package dev.sustain.bench.load;

import dev.sustain.protocol.codec.FrameHead;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request-only WebSocket on {@code /ws} (docs/websocket.md): each request is one text message, answers come
 * back in any order and are matched by {@code head.corrId}. Event-loop confined: the shard that opened it sends
 * on it, and its answers arrive on the same loop.
 */
final class WsChannel implements Channel {
  private final WebSocket socket;
  private final Map<String, Promise<Answer>> pending = new HashMap<>();
  private boolean closed;

  private WsChannel(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(this::answer);
    socket.closeHandler(v -> failAll("socket closed by the server"));
    socket.exceptionHandler(t -> failAll("socket failed: " + t.getMessage()));
  }

  static Future<Channel> open(WebSocketClient client, String url) {
    URI uri = URI.create(url);
    String base = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(uri.getHost())
        .setPort(uri.getPort() < 0 ? 80 : uri.getPort())
        .setURI(base + "/ws")
        .setConnectTimeout(5_000);
    return client.connect(options).map(WsChannel::new);
  }

  @Override
  public Future<Answer> send(String corrId, byte[] body) {
    if (closed) {
      return Future.failedFuture("socket closed");
    }
    Promise<Answer> answer = Promise.promise();
    pending.put(corrId, answer);
    socket.writeTextMessage(new String(body, StandardCharsets.UTF_8));
    return answer.future();
  }

  /** Only the head is read: the generator counts answers by status and leaves checking their bodies to the tests. */
  private void answer(String text) {
    FrameHead head = FrameHead.peek(text.getBytes(StandardCharsets.UTF_8));
    Promise<Answer> answer = head.corrId() == null ? null : pending.remove(head.corrId());
    if (answer != null) {
      int status = head.status() == null ? 0 : head.status();
      answer.complete(new Answer(status, status == 200 ? null : text));
    }
  }

  private void failAll(String why) {
    closed = true;
    List<Promise<Answer>> waiting = new ArrayList<>(pending.values());
    pending.clear();
    waiting.forEach(p -> p.tryFail(why));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return socket.close();
  }
}
