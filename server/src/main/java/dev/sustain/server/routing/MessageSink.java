package dev.sustain.server.routing;

import dev.sustain.server.store.OutboxEntry;
import java.util.List;

/**
 * Where freshly committed outbox messages go for delivery (dispatch on commit, spec §5.5). The timer loop hands
 * each commit's messages here unless debug mode has paused the background loops.
 *
 * <p>This is the seam for worker delivery (SSE poll, WebSocket, HTTP push): an implementation routes each
 * message to a connected outlet and acknowledges what it delivered with
 * {@link dev.sustain.server.store.Store#acknowledge}. Anything not acknowledged stays in the outbox, so an
 * implementation may drop messages freely: the task retry timer re-announces pending tasks.
 *
 * <p>Threading: called on a Vert.x context, possibly a different one on each call; must not block.
 */
@FunctionalInterface
public interface MessageSink {
  /** Messages committed just now, in outbox order. */
  void deliver(List<OutboxEntry> messages);

  /**
   * Delivers nothing: every message stays in the outbox (visible in {@code debug.snap}) until a delivering sink
   * exists. Used while no worker transport is wired.
   */
  static MessageSink retainInOutbox() {
    return messages -> {};
  }
}
