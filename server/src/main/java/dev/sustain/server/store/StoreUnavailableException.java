package dev.sustain.server.store;

/** The database cannot be reached or refused the work for a retriable reason; answered with 503. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  public StoreUnavailableException(String message) {
    super(message, null, false, false);
  }
}
