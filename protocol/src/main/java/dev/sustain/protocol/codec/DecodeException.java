package dev.sustain.protocol.codec;

/**
 * Malformed input: names the JSON path that failed and what was expected there. Carries the request's
 * {@code kind} and {@code corrId} as far as they could be read, so the server can echo them in its 400
 * answer. Stackless: bad input is expected traffic, not a bug, and stack traces would dominate its cost.
 */
public final class DecodeException extends Exception {
  /** Echoed when the body's {@code kind} is not a string. */
  public static final String UNKNOWN_KIND = "unknown";

  /** Echoed when the body's {@code head.corrId} is not a string. */
  public static final String UNKNOWN_CORR_ID = "0";

  private final String kind;
  private final String corrId;
  private final String path;
  private final String expectation;

  public DecodeException(String kind, String corrId, String path, String expectation) {
    super(path + ": " + expectation, null, false, false);
    this.kind = kind == null ? UNKNOWN_KIND : kind;
    this.corrId = corrId == null ? UNKNOWN_CORR_ID : corrId;
    this.path = path;
    this.expectation = expectation;
  }

  /** The request kind if the body carried a string {@code kind}, else {@code "unknown"}. */
  public String kind() {
    return kind;
  }

  /** {@code head.corrId} if the body carried one as a string, else {@code "0"}. */
  public String corrId() {
    return corrId;
  }

  /** The JSON path that failed, e.g. {@code data.timeoutAt} or {@code data.actions[0].data.awaited}. */
  public String path() {
    return path;
  }

  /** What the path should have held, e.g. {@code expected a non-negative integer}. */
  public String expectation() {
    return expectation;
  }
}
