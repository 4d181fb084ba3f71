package dev.sustain.server.store.postgres;

import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.pgclient.PgException;

/**
 * The one place where PostgreSQL failures are classified. Three answers: retry the batch (a concurrent
 * transaction won a race; running again sees its result), unavailable (the database cannot do the work now;
 * answered 503 at once, because a client retry is cheaper than a queue of waiting requests), or a bug (500).
 *
 * <p>Stateless.
 */
final class PgErrors {

  enum Kind {
    /** Serialization failure, deadlock, a racing insert of the same key, or a lock wait refused. */
    RETRY,
    /** Connection refused or lost, server shutting down or starting, too many connections, out of resources. */
    UNAVAILABLE,
    /** Anything else: a statement the server rejected for a reason retrying cannot fix. */
    BUG
  }

  private PgErrors() {}

  static Kind classify(Throwable failure) {
    if (failure instanceof StoreUnavailableException) {
      return Kind.UNAVAILABLE;
    }
    if (!(failure instanceof PgException pg)) {
      return isProgrammingError(failure) ? Kind.BUG : Kind.UNAVAILABLE;
    }
    String state = pg.getSqlState();
    if (state == null) {
      return Kind.UNAVAILABLE;
    }
    return switch (state) {
      case "40001", "40P01", "23505", "55P03" -> Kind.RETRY;
      // admin shutdown, crash shutdown, cannot connect now (starting up / in recovery), read-only replica
      case "57P01", "57P02", "57P03", "25006" -> Kind.UNAVAILABLE;
      default ->
          switch (state.substring(0, 2)) {
            // connection exception, insufficient resources, operator intervention, system error
            case "08", "53", "57", "58" -> Kind.UNAVAILABLE;
            default -> Kind.BUG;
          };
    };
  }

  /**
   * The driver reports I/O problems (refused, reset, closed, timed out) as non-SQL exceptions, and also the
   * parameters it cannot encode; only the latter, and plain Java errors, are bugs.
   */
  private static boolean isProgrammingError(Throwable failure) {
    if (failure instanceof IllegalArgumentException
        || failure instanceof IllegalStateException
        || failure instanceof ClassCastException
        || failure instanceof NullPointerException
        || failure instanceof IndexOutOfBoundsException) {
      return true;
    }
    String message = failure.getMessage();
    return message != null
        && (message.startsWith("Parameter at position") || message.startsWith("The number of parameters"));
  }

  /** The failure to hand to callers: 503 for retriable or unavailable conditions, the original for bugs. */
  static Throwable toCallerFailure(Throwable failure) {
    return switch (classify(failure)) {
      case RETRY -> new StoreUnavailableException("PostgreSQL: contention persisted after retries", failure);
      case UNAVAILABLE ->
          failure instanceof StoreUnavailableException
              ? failure
              : new StoreUnavailableException("PostgreSQL unavailable: " + describe(failure), failure);
      case BUG -> failure;
    };
  }

  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      return pg.getSqlState() + " " + pg.getErrorMessage();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** True for "current transaction is aborted": a follower of the real failure in a pipeline. */
  static boolean isAbortedFollower(Throwable failure) {
    return failure instanceof PgException pg && "25P02".equals(pg.getSqlState());
  }
}
