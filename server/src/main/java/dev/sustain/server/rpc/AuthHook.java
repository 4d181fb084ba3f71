package dev.sustain.server.rpc;

import dev.sustain.protocol.codec.Envelope;
import java.util.Optional;

/**
 * Authentication and authorization of one request (spec §1.5 step 6, §6), run after the envelope is checked
 * and before the kind is resolved or {@code data} decoded, so it sees the kind as sent and peeks at resource
 * ids through {@link dev.sustain.protocol.codec.RawData}.
 *
 * <p>Threading: called on an event loop for every request; must be fast and must not block.
 */
@FunctionalInterface
public interface AuthHook {
  /** Lets every request through: the server runs without authentication. */
  AuthHook NONE = envelope -> Optional.empty();

  /** Empty to let the request through, else the 401/403 answer. */
  Optional<Rejection> check(Envelope envelope);

  /** Why a request is refused: its status (401 or 403) and message. */
  record Rejection(int status, String message) {}
}
