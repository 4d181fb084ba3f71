package dev.sustain.protocol.address;

import java.util.Optional;

/**
 * A message destination: a {@code resonate:target} tag or a listener address (spec §1.8). Only the schemes the
 * SDK uses are accepted — {@code poll://} (SSE) and {@code http(s)://} (push); {@code gcps://} and
 * {@code bash://} are optional in the spec and rejected here, so a promise never targets a transport this server
 * cannot deliver to. {@link #toString()} is the canonical form.
 */
public sealed interface Address permits PollAddress, HttpAddress {

  /** The address, or empty if it is not a valid {@code poll://} or absolute {@code http(s)://} address. */
  static Optional<Address> parse(String text) {
    if (text == null || text.isEmpty() || hasBlankOrControl(text)) {
      return Optional.empty();
    }
    if (text.startsWith(PollAddress.SCHEME_PREFIX)) {
      return PollAddress.parse(text).map(a -> a);
    }
    return HttpAddress.parse(text).map(a -> a);
  }

  /** Whether {@code text} parses as an address. */
  static boolean isValid(String text) {
    return parse(text).isPresent();
  }

  /** Addresses travel as single tokens in tags, SSE lines and logs; whitespace or control bytes are never valid. */
  private static boolean hasBlankOrControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
