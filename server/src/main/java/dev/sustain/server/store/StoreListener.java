package dev.sustain.server.store;

import java.util.List;

/**
 * Told by a store after each commit, on a Vert.x context, never before the commit is durable: what to deliver
 * now (dispatch on commit), and when the next timer is due.
 */
public interface StoreListener {
  /** Messages the committed change added to the outbox, to be delivered now. */
  void committed(List<OutboxEntry> messages);

  /**
   * The earliest deadline (epoch ms) of any armed promise timeout, task timer or schedule after the commit, or
   * {@link Long#MAX_VALUE} if none. Called only when it may have moved earlier.
   */
  void nextDeadline(long at);
}
