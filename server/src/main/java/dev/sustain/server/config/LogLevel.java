package dev.sustain.server.config;

import java.util.logging.Level;

/** The log threshold, named as the Rust server names it ({@code RESONATE_LEVEL}). */
public enum LogLevel {
  ERROR(Level.SEVERE),
  WARN(Level.WARNING),
  INFO(Level.INFO),
  DEBUG(Level.FINE),
  TRACE(Level.FINEST);

  private final Level julLevel;

  LogLevel(Level julLevel) {
    this.julLevel = julLevel;
  }

  /** The {@code java.util.logging} level that lets this level's records through. */
  public Level julLevel() {
    return julLevel;
  }
}
