package dev.sustain.server.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects Vert.x's blocked-thread warnings (an event loop busy for more than 2 s) so a test server can fail
 * when its code blocked a loop: the never-block rule, checked on every request the ITs send. Thread-safe.
 */
final class BlockedThreadWatch {
  /** The logger Vert.x 5 reports blocked threads to; held so the handler stays attached. */
  private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  static {
    CHECKER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        WARNINGS.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private BlockedThreadWatch() {}

  /** How many warnings so far; a test remembers it and later asks what came after. */
  static int mark() {
    return WARNINGS.size();
  }

  /** The warnings since {@code mark}. */
  static List<String> since(int mark) {
    return List.copyOf(WARNINGS.subList(mark, WARNINGS.size()));
  }
}
