package dev.sustain.server.config;

import java.util.Objects;

/**
 * The HTTP listener (Rust section {@code server}).
 *
 * @param bind address the listener binds to; default {@value #DEFAULT_BIND}
 * @param port TCP port; default {@value #DEFAULT_PORT}; 0 picks a free port
 * @param url the server's own URL, sent to workers as {@code serverUrl} in execute messages; default
 *     {@code http://localhost:PORT}
 * @param maxBodyBytes largest accepted {@code POST /} body; default {@value #DEFAULT_MAX_BODY_BYTES}
 * @param shutdownTimeout ms granted to in-flight requests on SIGTERM/SIGINT; default
 *     {@value #DEFAULT_SHUTDOWN_TIMEOUT}
 */
public record HttpConfig(String bind, int port, String url, int maxBodyBytes, long shutdownTimeout) {
  /** {@code 0.0.0.0}: every interface. */
  public static final String DEFAULT_BIND = "0.0.0.0";

  /** 8001, the Resonate server's port. */
  public static final int DEFAULT_PORT = 8001;

  /** {@code localhost}: the host of the default {@link #url}. */
  public static final String DEFAULT_HOST = "localhost";

  /** 10 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

  /** 10 000 ms, as the Rust server. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT = 10_000L;

  public HttpConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(url, "url");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
    if (shutdownTimeout < 0) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
    }
  }
}
