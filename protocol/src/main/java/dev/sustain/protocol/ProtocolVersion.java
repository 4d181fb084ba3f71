package dev.sustain.protocol;

import java.util.List;

/** The protocol versions this implementation speaks. */
public final class ProtocolVersion {
  /** The version put in every response and sent by every request of SDK 0.11.x. */
  public static final String CURRENT = "2026-04-01";

  /** Versions accepted in {@code head.version}. */
  public static final List<String> SUPPORTED = List.of(CURRENT);

  private ProtocolVersion() {}

  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }
}
