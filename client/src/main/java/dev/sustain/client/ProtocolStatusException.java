package dev.sustain.client;

/**
 * The server answered with a status other than the request's success status (200, or 300 for
 * {@code task.suspend}): {@code 404} not found, {@code 409} conflict, {@code 400} invalid request, and so on
 * (spec §1.4). The request reached the server and was processed; {@link #status()} says how.
 */
public final class ProtocolStatusException extends SustainClientException {
  private final int status;
  private final String kind;
  private final String corrId;
  private final String serverMessage;

  public ProtocolStatusException(int status, String serverMessage, String kind, String corrId) {
    super(kind + " failed with status " + status + ": " + serverMessage + " (corrId " + corrId + ")");
    this.status = status;
    this.kind = kind;
    this.corrId = corrId;
    this.serverMessage = serverMessage;
  }

  /** The protocol status from {@code head.status}, e.g. {@code 404}. */
  public int status() {
    return status;
  }

  /** The error text the server put in {@code data}. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The request kind, e.g. {@code promise.get}. */
  public String kind() {
    return kind;
  }

  /** The request's correlation id, for finding it in server logs. */
  public String corrId() {
    return corrId;
  }
}
