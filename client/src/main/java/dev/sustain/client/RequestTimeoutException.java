package dev.sustain.client;

/**
 * No answer arrived within {@link ClientOptions#getRequestTimeout()}. As with a dropped connection, the server
 * may or may not have applied the request; a late answer is discarded.
 */
public final class RequestTimeoutException extends TransportException {
  public RequestTimeoutException(String message) {
    super(message);
  }
}
