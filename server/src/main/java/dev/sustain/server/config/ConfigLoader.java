package dev.sustain.server.config;

import dev.sustain.server.config.ConfigOptions.Key;
import dev.sustain.server.config.ConfigOptions.Option;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link ServerConfig} from built-in defaults, then environment variables, then command-line flags
 * (later wins). Every option has one environment variable: the Rust server's name where it has one, a
 * {@code SUSTAIN_*} name otherwise. Unknown flags and malformed values are errors naming the flag or variable;
 * unknown environment variables are ignored, because the same shell usually carries SDK settings such as
 * {@code RESONATE_URL}. An empty environment variable counts as unset.
 *
 * <p>The only class that reads settings; nothing else looks at the environment. The settings themselves (flags,
 * variables, defaults, parsers) are the table in {@link ConfigOptions}. Stateless and thread-safe.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads the configuration of {@code serve}.
   *
   * @param env the process environment (tests pass their own map)
   * @param args the flags after the subcommand
   * @throws ConfigException naming the first unusable flag or variable
   */
  public static ServerConfig load(Map<String, String> env, List<String> args) throws ConfigException {
    Map<Key, Object> values = new EnumMap<>(Key.class);
    for (Option option : ConfigOptions.ALL) {
      String raw = env.get(option.env());
      if (raw != null && !raw.isEmpty()) {
        values.put(option.key(), parse(option, option.env(), raw));
      }
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
      Option option = ConfigOptions.byFlag(flag);
      if (option == null) {
        throw new ConfigException(arg.startsWith("-")
            ? "Unknown flag " + flag + " (see --help)"
            : "Unexpected argument '" + arg + "': serve takes only flags (see --help)");
      }
      String raw;
      if (eq > 0) {
        raw = arg.substring(eq + 1);
      } else if (option.valueName() == null) {
        raw = "true";
      } else if (i + 1 < args.size() && ConfigOptions.byFlag(args.get(i + 1)) == null) {
        raw = args.get(++i);
      } else {
        throw new ConfigException(flag + ": missing value, expected " + option.valueName());
      }
      values.put(option.key(), parse(option, flag, raw));
    }
    return build(values);
  }

  /** True if the flags ask for help instead of a server. */
  public static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /** The {@code serve --help} text: every flag, its environment variable and default. */
  public static String usage() {
    StringBuilder out = new StringBuilder();
    out.append("Usage: java -jar sustain-server.jar serve [flags]\n\n")
        .append("Runs the Sustain server. Settings come from defaults, then environment variables, then flags.\n\n")
        .append("Flags:\n");
    for (Option option : ConfigOptions.ALL) {
      String flag = option.flags().get(0) + (option.valueName() == null ? "" : " " + option.valueName());
      if (flag.length() >= 30) {
        out.append("  ").append(flag).append('\n').append(String.format(Locale.ROOT, "  %-30s %s%n", "", option.help()));
      } else {
        out.append(String.format(Locale.ROOT, "  %-30s %s%n", flag, option.help()));
      }
      out.append(String.format(Locale.ROOT, "  %-30s default %s; env %s", "", option.defaultText(), option.env()));
      if (option.flags().size() > 1) {
        out.append("; alias ").append(String.join(", ", option.flags().subList(1, option.flags().size())));
      }
      out.append('\n');
    }
    out.append(String.format(Locale.ROOT, "  %-30s %s%n", "-h, --help", "print this help"));
    return out.toString();
  }

  private static ServerConfig build(Map<Key, Object> values) throws ConfigException {
    int port = (Integer) values.getOrDefault(Key.PORT, HttpConfig.DEFAULT_PORT);
    String host = (String) values.getOrDefault(Key.HOST, HttpConfig.DEFAULT_HOST);
    String url = (String) values.getOrDefault(Key.URL, "http://" + host + ":" + port);
    HttpConfig http = new HttpConfig(
        (String) values.getOrDefault(Key.BIND, HttpConfig.DEFAULT_BIND),
        port,
        url,
        (Integer) values.getOrDefault(Key.MAX_BODY_BYTES, HttpConfig.DEFAULT_MAX_BODY_BYTES),
        (Long) values.getOrDefault(Key.SHUTDOWN_TIMEOUT, HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT));
    StoreType store = (StoreType) values.getOrDefault(Key.STORE, StoreType.EMBEDDED);
    if (store == StoreType.POSTGRES && !values.containsKey(Key.PG_URL)) {
      throw new ConfigException("--store postgres: missing --pg-url (or RESONATE_STORAGE__POSTGRES__URL)");
    }
    StorageConfig storage = new StorageConfig(
        store,
        (Path) values.getOrDefault(Key.DB, Path.of(StorageConfig.DEFAULT_SQLITE_PATH)),
        (String) values.get(Key.PG_URL),
        (Integer) values.getOrDefault(Key.PG_CONNECTIONS, StorageConfig.DEFAULT_POSTGRES_CONNECTIONS),
        (Integer) values.getOrDefault(Key.PG_MAX_BATCH, StorageConfig.DEFAULT_POSTGRES_MAX_BATCH));
    TimingConfig timing = new TimingConfig(
        (Long) values.getOrDefault(Key.RETRY_TIMEOUT, TimingConfig.DEFAULT_RETRY_TIMEOUT),
        (Long) values.getOrDefault(Key.POLL_INTERVAL, TimingConfig.DEFAULT_POLL_INTERVAL));
    return new ServerConfig(
        (LogLevel) values.getOrDefault(Key.LEVEL, LogLevel.INFO),
        (Boolean) values.getOrDefault(Key.DEBUG, false),
        (Boolean) values.getOrDefault(Key.STRICT_LINEAGE, false),
        http,
        storage,
        timing,
        transports(values, http));
  }

  private static TransportsConfig transports(Map<Key, Object> values, HttpConfig http) throws ConfigException {
    PollConfig poll = new PollConfig(
        (Integer) values.getOrDefault(Key.POLL_MAX_CONNECTIONS, PollConfig.DEFAULT_MAX_CONNECTIONS),
        (Integer) values.getOrDefault(Key.POLL_BUFFER_SIZE, PollConfig.DEFAULT_BUFFER_SIZE),
        (Long) values.getOrDefault(Key.POLL_KEEP_ALIVE, PollConfig.DEFAULT_KEEP_ALIVE_INTERVAL));
    PushConfig push = new PushConfig(
        (Boolean) values.getOrDefault(Key.PUSH_ENABLED, true),
        (Integer) values.getOrDefault(Key.PUSH_CONCURRENCY, PushConfig.DEFAULT_CONCURRENCY),
        (Integer) values.getOrDefault(Key.PUSH_QUEUE_SIZE, PushConfig.DEFAULT_QUEUE_SIZE),
        (Long) values.getOrDefault(Key.PUSH_CONNECT_TIMEOUT, PushConfig.DEFAULT_CONNECT_TIMEOUT),
        (Long) values.getOrDefault(Key.PUSH_REQUEST_TIMEOUT, PushConfig.DEFAULT_REQUEST_TIMEOUT));
    DeliveryConfig delivery = new DeliveryConfig(
        (Long) values.getOrDefault(Key.OUTSTANDING_TIMEOUT, DeliveryConfig.DEFAULT_OUTSTANDING_TIMEOUT),
        (Integer) values.getOrDefault(Key.PARKED_PER_GROUP, DeliveryConfig.DEFAULT_PARKED_PER_GROUP),
        (Long) values.getOrDefault(Key.SWEEP_INTERVAL, DeliveryConfig.DEFAULT_SWEEP_INTERVAL),
        (Integer) values.getOrDefault(Key.SWEEP_BATCH, DeliveryConfig.DEFAULT_SWEEP_BATCH),
        (Long) values.getOrDefault(Key.REDELIVERY_BACKOFF, DeliveryConfig.DEFAULT_REDELIVERY_BACKOFF));
    return new TransportsConfig(poll, push, delivery, webSocket(values, http));
  }

  private static WebSocketSettings webSocket(Map<Key, Object> values, HttpConfig http) throws ConfigException {
    int soft = (Integer) values.getOrDefault(Key.WS_WRITE_QUEUE_BYTES, WebSocketSettings.DEFAULT_WRITE_QUEUE_BYTES);
    int hard =
        (Integer) values.getOrDefault(Key.WS_MAX_WRITE_QUEUE_BYTES, WebSocketSettings.DEFAULT_MAX_WRITE_QUEUE_BYTES);
    if (hard < soft) {
      throw new ConfigException("--transports-websocket-max-write-queue-bytes (" + hard
          + ") must be at least --transports-websocket-write-queue-bytes (" + soft + ")");
    }
    return new WebSocketSettings(
        (Integer) values.getOrDefault(Key.WS_MAX_CONNECTIONS, WebSocketSettings.DEFAULT_MAX_CONNECTIONS),
        (Integer) values.getOrDefault(Key.WS_MAX_FRAME_BYTES, WebSocketSettings.DEFAULT_MAX_FRAME_BYTES),
        // One request may be as large over either binding unless the operator says otherwise.
        (Integer) values.getOrDefault(Key.WS_MAX_MESSAGE_BYTES, http.maxBodyBytes()),
        (Integer) values.getOrDefault(Key.WS_MAX_IN_FLIGHT, WebSocketSettings.DEFAULT_MAX_IN_FLIGHT),
        soft,
        hard,
        (Long) values.getOrDefault(Key.WS_PING_INTERVAL, WebSocketSettings.DEFAULT_PING_INTERVAL),
        (Long) values.getOrDefault(Key.WS_PONG_TIMEOUT, WebSocketSettings.DEFAULT_PONG_TIMEOUT));
  }

  private static Object parse(Option option, String source, String raw) throws ConfigException {
    try {
      return option.parser().parse(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": expected " + e.getMessage() + ", got '" + raw + "'");
    }
  }
}
