package dev.sustain.server.rpc;

import io.vertx.core.Future;

/**
 * The server's background work (timeout passes and message delivery) as seen by {@code debug.start} and
 * {@code debug.stop}, which pause and resume it so tests drive time alone (spec §3.20).
 *
 * <p>Threading: callable from any event loop; the futures complete once the change took effect.
 */
public interface BackgroundLoops {
  Future<Void> pause();

  Future<Void> resume();
}
