package dev.sustain.protocol;

/** Protocol statuses carried in {@code head.status}; the HTTP binding uses the same number. */
public final class Status {
  public static final int OK = 200;
  /** {@code task.suspend}: an awaited promise is already settled, continue instead. */
  public static final int CONTINUE = 300;
  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int PAYLOAD_TOO_LARGE = 413;
  public static final int UNPROCESSABLE = 422;
  public static final int TOO_MANY_REQUESTS = 429;
  public static final int INTERNAL_ERROR = 500;
  public static final int NOT_IMPLEMENTED = 501;
  public static final int UNAVAILABLE = 503;

  private Status() {}

  /** Statuses whose {@code data} is a typed object (or array) rather than an error string. */
  public static boolean hasTypedData(int status) {
    return status == OK || status == CONTINUE;
  }
}
