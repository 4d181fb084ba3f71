package dev.sustain.server.config;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Configures {@code java.util.logging}, which Vert.x and Netty also log through when no other backend is on the
 * class path: one line per record on stderr, {@code <time> <LEVEL> <logger>: <message>}, at the configured
 * threshold. Requests are logged only at {@link LogLevel#DEBUG}; errors are one line each.
 */
public final class LogSetup {
  private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

  /** Held so the levels set below survive: JUL keeps loggers only weakly. */
  private static final Logger ROOT = Logger.getLogger("");
  private static final Logger NETTY = Logger.getLogger("io.netty");

  private LogSetup() {}

  /** Applies {@code level} to every logger; Netty's chatter stays at INFO unless {@link LogLevel#TRACE}. */
  public static void apply(LogLevel level) {
    System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
    Level threshold = level.julLevel();
    ROOT.setLevel(threshold);
    for (Handler handler : ROOT.getHandlers()) {
      handler.setLevel(threshold);
      handler.setFormatter(new SimpleFormatter());
    }
    NETTY.setLevel(level == LogLevel.TRACE ? threshold : max(threshold, Level.INFO));
  }

  private static Level max(Level a, Level b) {
    return a.intValue() >= b.intValue() ? a : b;
  }
}
