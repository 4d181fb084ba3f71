package dev.sustain.server.config;

import java.util.Objects;

/**
 * Everything {@code serve} needs, loaded once at startup by {@link ConfigLoader} and immutable afterwards.
 * Sections mirror the Rust server's so operators can swap binaries; {@code docs/config.md} lists every option.
 *
 * @param level log threshold; default {@link LogLevel#INFO}
 * @param debug enables {@code debug.*} requests and {@code resonate:debug_time}; default false
 * @param strictLineage enforce the Rust server's lineage and same-origin rules (spec D2); default false because
 *     SDK 0.11.5 ids fail them
 * @param http the listener
 * @param storage the store
 * @param timing retry interval and timeout sweep period
 * @param transports worker delivery: SSE poll, HTTP push, WebSocket, routing
 */
public record ServerConfig(
    LogLevel level,
    boolean debug,
    boolean strictLineage,
    HttpConfig http,
    StorageConfig storage,
    TimingConfig timing,
    TransportsConfig transports) {
  public ServerConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(transports, "transports");
  }
}
