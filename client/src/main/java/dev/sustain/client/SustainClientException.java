package dev.sustain.client;

/**
 * Base of every failure a {@link SustainClient} future reports. Subclasses say whether the server answered
 * ({@link ProtocolStatusException}) or not ({@link TransportException}, {@link RequestTimeoutException},
 * {@link InFlightLimitException}). Stackless: these are expected outcomes of remote calls, and the future that
 * carries them already says where they came from.
 */
public class SustainClientException extends RuntimeException {
  public SustainClientException(String message) {
    super(message, null, false, false);
  }

  public SustainClientException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
