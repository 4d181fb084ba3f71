package dev.sustain.protocol.message;

/** A server-to-worker message: {@code execute} or {@code unblock}. */
public sealed interface Message permits Execute, Unblock {
  /** The wire {@code kind}: {@code "execute"} or {@code "unblock"}. */
  String kind();
}
