package dev.sustain.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of {@code serve}, as a table: its flags (the Rust server's spellings as aliases), its environment
 * variable, its default as {@code --help} shows it, and the parser that turns text into a typed value or an
 * expectation. {@link ConfigLoader} reads the table; adding a setting is adding a row here and using its key there.
 *
 * <p>Immutable; thread-safe.
 */
final class ConfigOptions {

  /** One setting, in the order {@code --help} lists them. */
  enum Key {
    PORT, BIND, HOST, URL, STORE, DB, PG_URL, PG_CONNECTIONS, PG_MAX_BATCH, DEBUG, RETRY_TIMEOUT, POLL_INTERVAL,
    MAX_BODY_BYTES, SHUTDOWN_TIMEOUT,
    STRICT_LINEAGE, LEVEL,
    POLL_MAX_CONNECTIONS, POLL_BUFFER_SIZE, POLL_KEEP_ALIVE, PUSH_ENABLED, PUSH_CONCURRENCY, PUSH_QUEUE_SIZE,
    PUSH_CONNECT_TIMEOUT, PUSH_REQUEST_TIMEOUT, WS_MAX_CONNECTIONS, WS_MAX_FRAME_BYTES, WS_MAX_MESSAGE_BYTES,
    WS_MAX_IN_FLIGHT, WS_WRITE_QUEUE_BYTES, WS_MAX_WRITE_QUEUE_BYTES, WS_PING_INTERVAL, WS_PONG_TIMEOUT,
    OUTSTANDING_TIMEOUT, PARKED_PER_GROUP, SWEEP_INTERVAL, SWEEP_BATCH,
    REDELIVERY_BACKOFF
  }

  @FunctionalInterface
  interface Parser {
    /** Returns the typed value, or throws {@link IllegalArgumentException} whose message is the expectation. */
    Object parse(String raw);
  }

  /**
   * @param flags the flag first, then aliases (the Rust server's spellings)
   * @param valueName shown in {@code --help}; null for a switch, which takes no value
   */
  record Option(
      Key key, List<String> flags, String env, String valueName, String defaultText, String help,
      Parser parser) {}

  private static final long MAX_BODY_LIMIT = 1L << 30;

  static final List<Option> ALL = List.of(
      new Option(Key.PORT, List.of("--port", "--server-port"), "RESONATE_SERVER__PORT", "N",
          String.valueOf(HttpConfig.DEFAULT_PORT), "TCP port of POST /, /health, /ready (0 picks a free port)",
          raw -> parseLong(raw, 0, 65_535, "an integer from 0 to 65535").intValue()),
      new Option(Key.BIND, List.of("--bind", "--server-bind"), "RESONATE_SERVER__BIND", "ADDR",
          HttpConfig.DEFAULT_BIND, "address to listen on", ConfigOptions::parseHost),
      new Option(Key.HOST, List.of("--host", "--server-host"), "RESONATE_SERVER__HOST", "HOST",
          HttpConfig.DEFAULT_HOST, "host name used in the default --server-url", ConfigOptions::parseHost),
      new Option(Key.URL, List.of("--server-url"), "RESONATE_SERVER__URL", "URL", "http://HOST:PORT",
          "this server's URL, sent to workers in execute messages", ConfigOptions::parseUrl),
      new Option(Key.STORE, List.of("--store", "--storage-type"), "RESONATE_STORAGE__TYPE", "TYPE",
          StoreType.EMBEDDED.label(),
          "embedded (SQLite file; alias sqlite), postgres (needs --pg-url) or memory (lost on exit, for development)",
          ConfigOptions::parseStore),
      new Option(Key.DB, List.of("--db", "--storage-sqlite-path"), "RESONATE_STORAGE__SQLITE__PATH", "PATH",
          "./" + StorageConfig.DEFAULT_SQLITE_PATH, "SQLite database file of the embedded store",
          ConfigOptions::parsePath),
      new Option(Key.PG_URL, List.of("--pg-url", "--storage-postgres-url"), "RESONATE_STORAGE__POSTGRES__URL", "URL",
          "none", "postgresql://user[:password]@host[:port]/database of the postgres store",
          ConfigOptions::parsePostgresUrl),
      new Option(Key.PG_CONNECTIONS, List.of("--pg-connections"), "SUSTAIN_STORAGE__POSTGRES__CONNECTIONS", "N",
          String.valueOf(StorageConfig.DEFAULT_POSTGRES_CONNECTIONS),
          "PostgreSQL connections of the postgres store: transactions (group commits) in flight at once",
          raw -> parseLong(raw, 1, 1_000, "an integer from 1 to 1000").intValue()),
      new Option(Key.PG_MAX_BATCH, List.of("--pg-max-batch"), "SUSTAIN_STORAGE__POSTGRES__MAX_BATCH", "N",
          String.valueOf(StorageConfig.DEFAULT_POSTGRES_MAX_BATCH),
          "most requests the postgres store commits in one transaction",
          raw -> parseLong(raw, 1, 10_000, "an integer from 1 to 10000").intValue()),
      new Option(Key.DEBUG, List.of("--debug"), "RESONATE_DEBUG", null, "false",
          "enable debug.* requests and resonate:debug_time", ConfigOptions::parseBoolean),
      new Option(Key.RETRY_TIMEOUT, List.of("--tasks-retry-timeout"), "RESONATE_TASKS__RETRY_TIMEOUT", "MS",
          String.valueOf(TimingConfig.DEFAULT_RETRY_TIMEOUT), "ms before a pending task is re-announced",
          raw -> parseLong(raw, 1, Long.MAX_VALUE, "a positive integer number of milliseconds")),
      new Option(Key.POLL_INTERVAL, List.of("--timeouts-poll-interval"), "RESONATE_TIMEOUTS__POLL_INTERVAL",
          "MS", String.valueOf(TimingConfig.DEFAULT_POLL_INTERVAL),
          "ms between safety-net timeout passes (each deadline also has its own timer)",
          raw -> parseLong(raw, 1, Long.MAX_VALUE, "a positive integer number of milliseconds")),
      new Option(Key.MAX_BODY_BYTES, List.of("--max-body-bytes"), "SUSTAIN_MAX_BODY_BYTES", "N",
          String.valueOf(HttpConfig.DEFAULT_MAX_BODY_BYTES), "largest accepted request body in bytes",
          ConfigOptions::byteCount),
      new Option(Key.SHUTDOWN_TIMEOUT, List.of("--shutdown-timeout", "--server-shutdown-timeout"),
          "RESONATE_SERVER__SHUTDOWN_TIMEOUT", "MS", String.valueOf(HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT),
          "ms granted to in-flight requests on SIGTERM/SIGINT",
          raw -> parseLong(raw, 0, Long.MAX_VALUE, "a non-negative integer number of milliseconds")),
      new Option(Key.STRICT_LINEAGE, List.of("--strict-lineage"), "SUSTAIN_STRICT_LINEAGE", null, "false",
          "enforce the Rust server's lineage and same-origin rules (rejects SDK 0.11.5 child ids)",
          ConfigOptions::parseBoolean),
      new Option(Key.LEVEL, List.of("--level"), "RESONATE_LEVEL", "LEVEL", "info",
          "log level: error, warn, info, debug or trace", ConfigOptions::parseLevel),
      new Option(Key.POLL_MAX_CONNECTIONS, List.of("--transports-http-poll-max-connections"),
          "RESONATE_TRANSPORTS__HTTP_POLL__MAX_CONNECTIONS", "N", String.valueOf(PollConfig.DEFAULT_MAX_CONNECTIONS),
          "open SSE poll streams allowed at once (one more gets 503)", ConfigOptions::positiveInt),
      new Option(Key.POLL_BUFFER_SIZE, List.of("--transports-http-poll-buffer-size"),
          "RESONATE_TRANSPORTS__HTTP_POLL__BUFFER_SIZE", "N", String.valueOf(PollConfig.DEFAULT_BUFFER_SIZE),
          "unflushed messages per poll stream; beyond it the stream is closed as a slow consumer",
          ConfigOptions::positiveInt),
      new Option(Key.POLL_KEEP_ALIVE, List.of("--transports-http-poll-keep-alive"),
          "SUSTAIN_TRANSPORTS__HTTP_POLL__KEEP_ALIVE", "MS", String.valueOf(PollConfig.DEFAULT_KEEP_ALIVE_INTERVAL),
          "ms between keep-alive comments on a poll stream", ConfigOptions::positiveMs),
      new Option(Key.PUSH_ENABLED, List.of("--transports-http-push-enabled"),
          "RESONATE_TRANSPORTS__HTTP_PUSH__ENABLED", "BOOL", "true",
          "deliver to http(s):// addresses (false drops those messages)", ConfigOptions::parseBoolean),
      new Option(Key.PUSH_CONCURRENCY, List.of("--transports-http-push-concurrency"),
          "RESONATE_TRANSPORTS__HTTP_PUSH__CONCURRENCY", "N", String.valueOf(PushConfig.DEFAULT_CONCURRENCY),
          "HTTP pushes in flight at once", ConfigOptions::positiveInt),
      new Option(Key.PUSH_QUEUE_SIZE, List.of("--transports-http-push-queue-size"),
          "SUSTAIN_TRANSPORTS__HTTP_PUSH__QUEUE_SIZE", "N", String.valueOf(PushConfig.DEFAULT_QUEUE_SIZE),
          "HTTP pushes waiting for a slot; more stay in the outbox for a later pass",
          raw -> parseLong(raw, 0, Integer.MAX_VALUE, "a non-negative integer").intValue()),
      new Option(Key.PUSH_CONNECT_TIMEOUT, List.of("--transports-http-push-connect-timeout"),
          "RESONATE_TRANSPORTS__HTTP_PUSH__CONNECT_TIMEOUT", "MS", String.valueOf(PushConfig.DEFAULT_CONNECT_TIMEOUT),
          "ms to connect to a push address", ConfigOptions::positiveMs),
      new Option(Key.PUSH_REQUEST_TIMEOUT, List.of("--transports-http-push-request-timeout"),
          "RESONATE_TRANSPORTS__HTTP_PUSH__REQUEST_TIMEOUT", "MS", String.valueOf(PushConfig.DEFAULT_REQUEST_TIMEOUT),
          "ms for a whole push exchange", ConfigOptions::positiveMs),
      new Option(Key.WS_MAX_CONNECTIONS, List.of("--transports-websocket-max-connections"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_CONNECTIONS", "N",
          String.valueOf(WebSocketSettings.DEFAULT_MAX_CONNECTIONS),
          "open WebSockets allowed at once, workers and clients (one more upgrade gets 503)",
          ConfigOptions::positiveInt),
      new Option(Key.WS_MAX_FRAME_BYTES, List.of("--transports-websocket-max-frame-bytes"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_FRAME_BYTES", "N",
          String.valueOf(WebSocketSettings.DEFAULT_MAX_FRAME_BYTES),
          "largest WebSocket frame in bytes; a bigger one closes the socket (1009)", ConfigOptions::byteCount),
      new Option(Key.WS_MAX_MESSAGE_BYTES, List.of("--transports-websocket-max-message-bytes"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_MESSAGE_BYTES", "N", "same as --max-body-bytes",
          "largest request over a WebSocket in bytes, all its frames (a bigger one is answered 413)",
          ConfigOptions::byteCount),
      new Option(Key.WS_MAX_IN_FLIGHT, List.of("--transports-websocket-max-in-flight"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_IN_FLIGHT", "N",
          String.valueOf(WebSocketSettings.DEFAULT_MAX_IN_FLIGHT),
          "requests of one WebSocket processed at once; at the limit the socket is not read",
          ConfigOptions::positiveInt),
      new Option(Key.WS_WRITE_QUEUE_BYTES, List.of("--transports-websocket-write-queue-bytes"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__WRITE_QUEUE_BYTES", "N",
          String.valueOf(WebSocketSettings.DEFAULT_WRITE_QUEUE_BYTES),
          "unflushed bytes at which a WebSocket gets no new work and is not read, until half drained",
          ConfigOptions::byteCount),
      new Option(Key.WS_MAX_WRITE_QUEUE_BYTES, List.of("--transports-websocket-max-write-queue-bytes"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_WRITE_QUEUE_BYTES", "N",
          String.valueOf(WebSocketSettings.DEFAULT_MAX_WRITE_QUEUE_BYTES),
          "unflushed bytes beyond which a WebSocket is closed as a slow consumer; at least "
              + "--transports-websocket-write-queue-bytes",
          ConfigOptions::byteCount),
      new Option(Key.WS_PING_INTERVAL, List.of("--transports-websocket-ping-interval"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__PING_INTERVAL", "MS",
          String.valueOf(WebSocketSettings.DEFAULT_PING_INTERVAL),
          "ms between pings the server sends on each WebSocket", ConfigOptions::positiveMs),
      new Option(Key.WS_PONG_TIMEOUT, List.of("--transports-websocket-pong-timeout"),
          "SUSTAIN_TRANSPORTS__WEBSOCKET__PONG_TIMEOUT", "MS",
          String.valueOf(WebSocketSettings.DEFAULT_PONG_TIMEOUT),
          "ms a ping may go unanswered before the WebSocket is closed as dead", ConfigOptions::positiveMs),
      new Option(Key.OUTSTANDING_TIMEOUT, List.of("--delivery-outstanding-timeout"),
          "SUSTAIN_DELIVERY__OUTSTANDING_TIMEOUT", "MS", String.valueOf(DeliveryConfig.DEFAULT_OUTSTANDING_TIMEOUT),
          "ms an execute not yet acquired counts against the worker it went to", ConfigOptions::positiveMs),
      new Option(Key.PARKED_PER_GROUP, List.of("--delivery-parked-per-group"),
          "SUSTAIN_DELIVERY__PARKED_PER_GROUP", "N", String.valueOf(DeliveryConfig.DEFAULT_PARKED_PER_GROUP),
          "messages held in memory for a poll group with no eligible member",
          raw -> parseLong(raw, 0, Integer.MAX_VALUE, "a non-negative integer").intValue()),
      new Option(Key.SWEEP_INTERVAL, List.of("--delivery-sweep-interval"),
          "SUSTAIN_DELIVERY__SWEEP_INTERVAL", "MS", String.valueOf(DeliveryConfig.DEFAULT_SWEEP_INTERVAL),
          "ms between passes that re-read the outbox and route what nobody handles", ConfigOptions::positiveMs),
      new Option(Key.SWEEP_BATCH, List.of("--delivery-sweep-batch"),
          "SUSTAIN_DELIVERY__SWEEP_BATCH", "N", String.valueOf(DeliveryConfig.DEFAULT_SWEEP_BATCH),
          "outbox rows read per sweep", ConfigOptions::positiveInt),
      new Option(Key.REDELIVERY_BACKOFF, List.of("--delivery-redelivery-backoff"),
          "SUSTAIN_DELIVERY__REDELIVERY_BACKOFF", "MS", String.valueOf(DeliveryConfig.DEFAULT_REDELIVERY_BACKOFF),
          "ms a message whose push failed waits before a sweep sends it again",
          raw -> parseLong(raw, 0, Long.MAX_VALUE, "a non-negative integer number of milliseconds")));

  private static final Map<String, Option> BY_FLAG = new LinkedHashMap<>();

  static {
    for (Option option : ALL) {
      for (String flag : option.flags()) {
        BY_FLAG.put(flag, option);
      }
    }
  }

  private ConfigOptions() {}

  /** The option a flag (or one of its aliases) names, or {@code null}. */
  static Option byFlag(String flag) {
    return BY_FLAG.get(flag);
  }

  private static Object positiveInt(String raw) {
    return parseLong(raw, 1, Integer.MAX_VALUE, "a positive integer").intValue();
  }

  private static Object byteCount(String raw) {
    return parseLong(raw, 1, MAX_BODY_LIMIT, "an integer from 1 to " + MAX_BODY_LIMIT).intValue();
  }

  private static Object positiveMs(String raw) {
    return parseLong(raw, 1, Long.MAX_VALUE, "a positive integer number of milliseconds");
  }

  private static Long parseLong(String raw, long min, long max, String expectation) {
    long value;
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expectation);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(expectation);
    }
    return value;
  }

  private static Object parseBoolean(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
        return true;
      case "false":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException("true or false");
    }
  }

  private static Object parseStore(String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "embedded":
      case "sqlite":
        return StoreType.EMBEDDED;
      case "memory":
        return StoreType.MEMORY;
      case "postgres":
      case "postgresql":
        return StoreType.POSTGRES;
      default:
        throw new IllegalArgumentException("embedded (alias sqlite), postgres or memory");
    }
  }

  private static Object parsePostgresUrl(String raw) {
    if (!raw.startsWith("postgresql://") && !raw.startsWith("postgres://")) {
      throw new IllegalArgumentException("a postgresql:// URL");
    }
    return raw;
  }

  private static Object parseLevel(String raw) {
    try {
      return LogLevel.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("error, warn, info, debug or trace");
    }
  }

  private static Object parseHost(String raw) {
    if (raw.isEmpty() || raw.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a host name or IP address");
    }
    return raw;
  }

  private static Object parsePath(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("a file path");
    }
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("a file path");
    }
  }

  private static Object parseUrl(String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
        return raw;
      }
    } catch (URISyntaxException e) {
      // falls through to the expectation below
    }
    throw new IllegalArgumentException("an absolute http:// or https:// URL");
  }
}
