package dev.sustain.server.transport.websocket;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Message;
import dev.sustain.server.routing.Outlet;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * A worker's WebSocket as the router sees it: a member of {@code group} with {@code id}, addressed exactly like an
 * SSE stream ({@code poll://uni@group/id}, {@code poll://any@group}). Each message goes out as one text message
 * whose JSON is exactly the SSE event's data.
 *
 * <p>Threading: {@link #send} and {@link #close} run on the connection's context (the router hops there);
 * {@link #writable()} may be read from any thread.
 */
final class WsOutlet implements Outlet {
  private final String group;
  private final String id;
  private final WsConnection connection;
  private final ProtocolCodec codec;

  WsOutlet(String group, String id, WsConnection connection, ProtocolCodec codec) {
    this.group = group;
    this.id = id;
    this.connection = connection;
    this.codec = codec;
  }

  @Override
  public String group() {
    return group;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Context context() {
    return connection.context();
  }

  @Override
  public boolean writable() {
    return connection.writable();
  }

  @Override
  public Future<Void> send(Message message) {
    return connection.write(codec.encodeMessage(message));
  }

  @Override
  public Future<Void> closed() {
    return connection.closed();
  }

  @Override
  public void close() {
    connection.close(WsConnection.CLOSE_NORMAL, "server shutting down");
  }

  @Override
  public String toString() {
    return "WsOutlet{" + group + "/" + id + "}";
  }
}
