package dev.sustain.client;

/**
 * {@link ClientOptions#getMaxInFlight()} requests were already waiting for answers, so this one was not sent.
 * Nothing reached the server; retry once some answers have arrived.
 */
public final class InFlightLimitException extends SustainClientException {
  public InFlightLimitException(int limit) {
    super("already " + limit + " requests in flight (ClientOptions.maxInFlight); request not sent");
  }
}
