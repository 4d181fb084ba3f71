package dev.sustain.server.routing;

import dev.sustain.protocol.message.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * One worker connection a transport registers with the {@link Router} (an SSE stream, a WebSocket): where messages
 * for its {@code {group, id}} can be written.
 *
 * <p>Threading: an outlet belongs to its transport's {@link #context()}. {@link #send} and {@link #close} are only
 * called on that context; the router hops there with {@code runOnContext}. {@link #writable()} may be read from
 * any thread.
 */
public interface Outlet {

  /** The worker group, the host part of {@code poll://cast@group/id}. */
  String group();

  /** The worker id inside the group, the path part of {@code poll://cast@group/id}. */
  String id();

  /** The context that owns the connection. */
  Context context();

  /**
   * False while the connection cannot take more without queueing in memory (its write queue is full) or once it
   * is closed; the balancer then prefers another member. Any thread.
   */
  boolean writable();

  /**
   * Writes one message without blocking. Completes once the message reached the socket, which is when the router
   * may delete it from the outbox; fails if the connection closed first or refused it (over its buffer cap).
   */
  Future<Void> send(Message message);

  /** Completes when the connection is gone for good (client disconnect, error, {@link #close}). */
  Future<Void> closed();

  /** Ends the connection gracefully (server shutdown, slow consumer). */
  void close();
}
