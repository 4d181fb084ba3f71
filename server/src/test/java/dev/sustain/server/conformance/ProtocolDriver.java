package dev.sustain.server.conformance;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.RequestData;

/**
 * How a conformance or differential suite talks to an implementation under test: one decoded request at a time,
 * with its time, answered by the full response envelope. {@code debug.snap}, {@code debug.tick} and
 * {@code debug.reset} are sent as ordinary requests. An implementation that runs background loops must have them
 * paused ({@code debug.start}) so that only {@code debug.tick} advances timers.
 */
public interface ProtocolDriver {

  /**
   * Sends {@code data} as a request whose {@code now} is {@code now} (over HTTP: {@code resonate:debug_time});
   * the driver chooses the {@code corrId}.
   */
  Response<?> send(RequestData data, long now);

  /** Returns the implementation to empty tables (and paused loops) before a test. */
  void reset();
}
