package dev.sustain.client.transport;

import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Message;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

/**
 * Carries protocol requests to the server and the server's messages back. One implementation per binding:
 * {@link HttpTransport} (a {@code POST} per request plus an {@link SseListener}) and {@link WebSocketTransport}
 * (one socket for everything). Implementations are thread-safe: every method may be called from any thread.
 */
public interface Transport {

  /**
   * Sends {@code request} and completes {@code answer} with the server's response envelope, whatever its status.
   * Fails {@code answer} with a {@code TransportException} when no well-formed answer can be obtained. The caller
   * may fail {@code answer} first (timeout); the transport then forgets the request and discards a late answer.
   */
  void send(Request<?> request, Promise<Response<?>> answer);

  /**
   * Starts delivering the messages the server sends this worker to {@code handler}, on the transport's event
   * loop, and keeps the stream open across reconnects until {@link #close()}.
   */
  void subscribe(Handler<Message> handler);

  /** Fails every request still in flight, stops reconnecting and releases the connections. */
  Future<Void> close();
}
