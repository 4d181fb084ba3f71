package dev.sustain.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void defaultsMatchTheRustServer() throws ConfigException {
    ServerConfig config = ConfigLoader.load(Map.of(), List.of());
    assertEquals(8001, config.http().port());
    assertEquals("0.0.0.0", config.http().bind());
    assertEquals("http://localhost:8001", config.http().url());
    assertEquals(10 * 1024 * 1024, config.http().maxBodyBytes());
    assertEquals(10_000L, config.http().shutdownTimeout());
    assertEquals(StoreType.EMBEDDED, config.storage().type());
    assertEquals(Path.of("sustain.db"), config.storage().sqlitePath());
    assertEquals(30_000L, config.timing().retryTimeout());
    assertEquals(1_000L, config.timing().pollInterval());
    assertEquals(LogLevel.INFO, config.level());
    assertFalse(config.debug());
    assertFalse(config.strictLineage());
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesDefaults() throws ConfigException {
    Map<String, String> env = Map.of(
        "RESONATE_SERVER__PORT", "9000",
        "RESONATE_STORAGE__TYPE", "sqlite",
        "RESONATE_STORAGE__SQLITE__PATH", "/tmp/env.db",
        "RESONATE_DEBUG", "true",
        "RESONATE_TASKS__RETRY_TIMEOUT", "2000",
        "SUSTAIN_MAX_BODY_BYTES", "4096");
    ServerConfig fromEnv = ConfigLoader.load(env, List.of());
    assertEquals(9000, fromEnv.http().port());
    assertEquals("http://localhost:9000", fromEnv.http().url(), "the default URL follows the port");
    assertEquals(StoreType.EMBEDDED, fromEnv.storage().type());
    assertEquals(Path.of("/tmp/env.db"), fromEnv.storage().sqlitePath());
    assertTrue(fromEnv.debug());
    assertEquals(2_000L, fromEnv.timing().retryTimeout());
    assertEquals(4096, fromEnv.http().maxBodyBytes());

    ServerConfig flags = ConfigLoader.load(env, List.of("--port", "9100", "--store=memory", "--debug=false",
        "--tasks-retry-timeout", "500", "--server-url", "https://sustain.example:443", "--strict-lineage"));
    assertEquals(9100, flags.http().port());
    assertEquals(StoreType.MEMORY, flags.storage().type());
    assertFalse(flags.debug());
    assertEquals(500L, flags.timing().retryTimeout());
    assertEquals("https://sustain.example:443", flags.http().url());
    assertTrue(flags.strictLineage());
  }

  @Test
  void rustFlagSpellingsAreAliases() throws ConfigException {
    ServerConfig config = ConfigLoader.load(Map.of(), List.of("--server-port", "7000", "--server-bind", "127.0.0.1",
        "--storage-type", "memory", "--storage-sqlite-path", "x.db", "--server-shutdown-timeout", "0"));
    assertEquals(7000, config.http().port());
    assertEquals("127.0.0.1", config.http().bind());
    assertEquals(StoreType.MEMORY, config.storage().type());
    assertEquals(Path.of("x.db"), config.storage().sqlitePath());
    assertEquals(0L, config.http().shutdownTimeout());
  }

  @Test
  void postgresPoolSettingsComeFromFlagsOrEnvironment() throws ConfigException {
    ServerConfig defaults = ConfigLoader.load(Map.of(), List.of());
    assertEquals(StorageConfig.DEFAULT_POSTGRES_CONNECTIONS, defaults.storage().postgresConnections());
    assertEquals(StorageConfig.DEFAULT_POSTGRES_MAX_BATCH, defaults.storage().postgresMaxBatch());
    Map<String, String> env = Map.of("SUSTAIN_STORAGE__POSTGRES__CONNECTIONS", "3",
        "SUSTAIN_STORAGE__POSTGRES__MAX_BATCH", "64");
    ServerConfig fromEnv = ConfigLoader.load(env, List.of());
    assertEquals(3, fromEnv.storage().postgresConnections());
    assertEquals(64, fromEnv.storage().postgresMaxBatch());
    ServerConfig flags = ConfigLoader.load(env, List.of("--pg-connections", "2", "--pg-max-batch=500"));
    assertEquals(2, flags.storage().postgresConnections());
    assertEquals(500, flags.storage().postgresMaxBatch());
    assertMessage("--pg-connections: expected an integer from 1 to 1000, got '0'", Map.of(), "--pg-connections", "0");
    assertMessage("SUSTAIN_STORAGE__POSTGRES__MAX_BATCH: expected an integer from 1 to 10000, got 'lots'",
        Map.of("SUSTAIN_STORAGE__POSTGRES__MAX_BATCH", "lots"));
  }

  @Test
  void webSocketDefaultsAndTheMessageLimitFollowingTheBodyLimit() throws ConfigException {
    WebSocketSettings ws = ConfigLoader.load(Map.of(), List.of()).transports().webSocket();
    assertEquals(WebSocketSettings.DEFAULT, ws);
    assertEquals(1_000, ws.maxConnections());
    assertEquals(64 * 1024, ws.maxFrameBytes());
    assertEquals(10 * 1024 * 1024, ws.maxMessageBytes());
    assertEquals(256, ws.maxInFlight());
    assertEquals(1024 * 1024, ws.writeQueueBytes());
    assertEquals(16 * 1024 * 1024, ws.maxWriteQueueBytes());
    assertEquals(30_000L, ws.pingInterval());
    assertEquals(10_000L, ws.pongTimeout());

    assertEquals(4096, ConfigLoader.load(Map.of("SUSTAIN_MAX_BODY_BYTES", "4096"), List.of())
        .transports().webSocket().maxMessageBytes(), "unset, the message limit is the body limit");
    assertEquals(2048, ConfigLoader.load(Map.of(), List.of("--max-body-bytes", "2048"))
        .transports().webSocket().maxMessageBytes());
    ServerConfig both = ConfigLoader.load(Map.of(), List.of("--max-body-bytes", "2048",
        "--transports-websocket-max-message-bytes", "8192"));
    assertEquals(2048, both.http().maxBodyBytes());
    assertEquals(8192, both.transports().webSocket().maxMessageBytes());
  }

  @Test
  void webSocketSettingsComeFromEnvironmentAndFlagsWin() throws ConfigException {
    Map<String, String> env = Map.of(
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_CONNECTIONS", "11",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_FRAME_BYTES", "12",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_MESSAGE_BYTES", "13",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_IN_FLIGHT", "14",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__WRITE_QUEUE_BYTES", "15",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_WRITE_QUEUE_BYTES", "16",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__PING_INTERVAL", "17",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__PONG_TIMEOUT", "18");
    assertEquals(new WebSocketSettings(11, 12, 13, 14, 15, 16, 17L, 18L),
        ConfigLoader.load(env, List.of()).transports().webSocket());
    WebSocketSettings flags = ConfigLoader.load(env, List.of(
        "--transports-websocket-max-connections", "21",
        "--transports-websocket-max-frame-bytes", "22",
        "--transports-websocket-max-message-bytes=23",
        "--transports-websocket-max-in-flight", "24",
        "--transports-websocket-write-queue-bytes", "25",
        "--transports-websocket-max-write-queue-bytes", "26",
        "--transports-websocket-ping-interval", "27",
        "--transports-websocket-pong-timeout", "28")).transports().webSocket();
    assertEquals(new WebSocketSettings(21, 22, 23, 24, 25, 26, 27L, 28L), flags);
  }

  @Test
  void badWebSocketValuesNameTheirSourceAndExpectation() {
    assertMessage("--transports-websocket-max-connections: expected a positive integer, got '0'", Map.of(),
        "--transports-websocket-max-connections", "0");
    assertMessage("SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_FRAME_BYTES: expected an integer from 1 to 1073741824, "
        + "got '64k'", Map.of("SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_FRAME_BYTES", "64k"));
    assertMessage("--transports-websocket-max-message-bytes: expected an integer from 1 to 1073741824, "
        + "got '2147483648'", Map.of(), "--transports-websocket-max-message-bytes", "2147483648");
    assertMessage("--transports-websocket-max-in-flight: expected a positive integer, got 'many'", Map.of(),
        "--transports-websocket-max-in-flight", "many");
    assertMessage("--transports-websocket-write-queue-bytes: expected an integer from 1 to 1073741824, got '0'",
        Map.of(), "--transports-websocket-write-queue-bytes", "0");
    assertMessage("--transports-websocket-ping-interval: expected a positive integer number of milliseconds, "
        + "got '-5'", Map.of(), "--transports-websocket-ping-interval", "-5");
    assertMessage("SUSTAIN_TRANSPORTS__WEBSOCKET__PONG_TIMEOUT: expected a positive integer number of "
        + "milliseconds, got '10s'", Map.of("SUSTAIN_TRANSPORTS__WEBSOCKET__PONG_TIMEOUT", "10s"));
  }

  @Test
  void aHardWriteQueueCapBelowTheSoftLimitIsRefused() throws ConfigException {
    assertMessage("--transports-websocket-max-write-queue-bytes (1024) must be at least "
        + "--transports-websocket-write-queue-bytes (2048)", Map.of(),
        "--transports-websocket-write-queue-bytes", "2048", "--transports-websocket-max-write-queue-bytes", "1024");
    assertMessage("--transports-websocket-max-write-queue-bytes (16777216) must be at least "
        + "--transports-websocket-write-queue-bytes (33554432)",
        Map.of("SUSTAIN_TRANSPORTS__WEBSOCKET__WRITE_QUEUE_BYTES", "33554432"));
    WebSocketSettings equal = ConfigLoader.load(Map.of(), List.of("--transports-websocket-write-queue-bytes", "4096",
        "--transports-websocket-max-write-queue-bytes", "4096")).transports().webSocket();
    assertEquals(4096, equal.writeQueueBytes());
    assertEquals(4096, equal.maxWriteQueueBytes());
  }

  @Test
  void emptyAndUnknownEnvironmentVariablesAreIgnored() throws ConfigException {
    ServerConfig config = ConfigLoader.load(Map.of("RESONATE_SERVER__PORT", "", "RESONATE_URL", "http://x",
        "SUSTAIN_JAR", "whatever"), List.of());
    assertEquals(8001, config.http().port());
  }

  @Test
  void badValuesNameTheirSourceAndExpectation() {
    assertMessage("--port: expected an integer from 0 to 65535, got '70000'", Map.of(), "--port", "70000");
    assertMessage("RESONATE_SERVER__PORT: expected an integer from 0 to 65535, got 'eighty'",
        Map.of("RESONATE_SERVER__PORT", "eighty"));
    assertMessage("--store: expected embedded (alias sqlite), postgres or memory, got 'mysql'",
        Map.of(), "--store", "mysql");
    assertMessage("--store postgres: missing --pg-url (or RESONATE_STORAGE__POSTGRES__URL)",
        Map.of(), "--store", "postgres");
    assertMessage("RESONATE_DEBUG: expected true or false, got 'yes please'", Map.of("RESONATE_DEBUG", "yes please"));
    assertMessage("--timeouts-poll-interval: expected a positive integer number of milliseconds, got '0'", Map.of(),
        "--timeouts-poll-interval", "0");
    assertMessage("--server-url: expected an absolute http:// or https:// URL, got 'localhost:8001'", Map.of(),
        "--server-url", "localhost:8001");
    assertMessage("--level: expected error, warn, info, debug or trace, got 'loud'", Map.of(), "--level", "loud");
    assertMessage("--max-body-bytes: expected an integer from 1 to 1073741824, got '-1'", Map.of(),
        "--max-body-bytes", "-1");
  }

  @Test
  void unknownFlagsMissingValuesAndStrayArgumentsFail() {
    assertMessage("Unknown flag --prot (see --help)", Map.of(), "--prot", "8001");
    assertMessage("--db: missing value, expected PATH", Map.of(), "--db");
    assertMessage("--db: missing value, expected PATH", Map.of(), "--db", "--debug");
    assertMessage("Unexpected argument 'extra': serve takes only flags (see --help)", Map.of(), "extra");
  }

  @Test
  void helpListsEveryFlagWithItsEnvironmentVariable() {
    String usage = ConfigLoader.usage();
    for (String expected : List.of("--port N", "RESONATE_SERVER__PORT", "--db PATH", "RESONATE_STORAGE__SQLITE__PATH",
        "--store TYPE", "--debug", "--max-body-bytes N", "SUSTAIN_MAX_BODY_BYTES", "--strict-lineage",
        "--timeouts-poll-interval MS", "--shutdown-timeout MS", "--server-url URL", "--help",
        "--transports-websocket-max-connections N", "--transports-websocket-max-frame-bytes N",
        "--transports-websocket-max-message-bytes N", "--transports-websocket-max-in-flight N",
        "--transports-websocket-write-queue-bytes N", "--transports-websocket-max-write-queue-bytes N",
        "--transports-websocket-ping-interval MS", "--transports-websocket-pong-timeout MS",
        "SUSTAIN_TRANSPORTS__WEBSOCKET__MAX_WRITE_QUEUE_BYTES", "default same as --max-body-bytes")) {
      assertTrue(usage.contains(expected), "usage mentions " + expected);
    }
    assertTrue(ConfigLoader.wantsHelp(List.of("--port", "1", "--help")));
    assertFalse(ConfigLoader.wantsHelp(List.of("--port", "1")));
  }

  private static void assertMessage(String expected, Map<String, String> env, String... args) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env, List.of(args)));
    assertEquals(expected, e.getMessage());
  }
}
