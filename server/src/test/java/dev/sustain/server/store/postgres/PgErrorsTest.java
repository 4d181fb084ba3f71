package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The SQLSTATE and driver-failure mapping: what is retried, what is a 503 at once, what is a bug. */
class PgErrorsTest {

  private static PgException pg(String sqlState) {
    return new PgException("message", "ERROR", sqlState, null);
  }

  @Test
  void lostRacesAreRetried() {
    for (String state : new String[] {"40001", "40P01", "23505", "55P03"}) {
      assertEquals(PgErrors.Kind.RETRY, PgErrors.classify(pg(state)), state);
    }
  }

  @Test
  void anUnreachableOrStoppingServerIsUnavailable() {
    for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08001", "53300", "53100", "58030"}) {
      assertEquals(PgErrors.Kind.UNAVAILABLE, PgErrors.classify(pg(state)), state);
    }
    assertEquals(PgErrors.Kind.UNAVAILABLE, PgErrors.classify(new ConnectException("Connection refused")));
    assertEquals(PgErrors.Kind.UNAVAILABLE, PgErrors.classify(ClosedConnectionException.INSTANCE));
    assertEquals(PgErrors.Kind.UNAVAILABLE, PgErrors.classify(new StoreUnavailableException("closed")));
  }

  @Test
  void statementsTheServerOrDriverRejectAreBugs() {
    assertEquals(PgErrors.Kind.BUG, PgErrors.classify(pg("42P01")));
    assertEquals(PgErrors.Kind.BUG, PgErrors.classify(pg("22P02")));
    assertEquals(PgErrors.Kind.BUG, PgErrors.classify(pg("23502")));
    assertEquals(PgErrors.Kind.BUG, PgErrors.classify(new IllegalStateException("bad row")));
    assertEquals(
        PgErrors.Kind.BUG,
        PgErrors.classify(new VertxException("Parameter at position[1] with class = [String] can not be coerced")));
  }

  @Test
  void callersSee503ForEverythingButBugs() {
    assertInstanceOf(StoreUnavailableException.class, PgErrors.toCallerFailure(pg("40P01")));
    assertInstanceOf(StoreUnavailableException.class, PgErrors.toCallerFailure(pg("57P01")));
    PgException bug = pg("42P01");
    assertSame(bug, PgErrors.toCallerFailure(bug));
  }
}
