package dev.sustain.protocol.codec.sse;

/** The stream broke a size bound of {@link SseReader}; the stream should be closed. Stackless: it is expected input. */
public final class SseLimitException extends RuntimeException {
  public SseLimitException(String message) {
    super(message, null, false, false);
  }
}
