package dev.sustain.client;

/**
 * The request could not be completed over the connection: the server was unreachable, the connection dropped
 * while the request was in flight, the answer was malformed, or the client was closed. Whether the server
 * applied a request that was in flight when its connection dropped is unknown; protocol requests are idempotent
 * or version-fenced, so resending it is safe.
 */
public class TransportException extends SustainClientException {
  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
