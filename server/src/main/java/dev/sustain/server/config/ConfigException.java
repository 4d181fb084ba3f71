package dev.sustain.server.config;

/**
 * A setting that cannot be used: unknown flag, missing or malformed value. The message names the flag or
 * environment variable and what it expects; it is printed as is, so it is stackless.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
