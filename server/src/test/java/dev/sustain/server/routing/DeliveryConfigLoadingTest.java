package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.config.ConfigException;
import dev.sustain.server.config.ConfigLoader;
import dev.sustain.server.config.TransportsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery settings as the command line and environment set them. */
class DeliveryConfigLoadingTest {

  @Test
  void defaultsMatchTheRustServerWhereItHasTheSetting() throws Exception {
    TransportsConfig t = ConfigLoader.load(Map.of(), List.of()).transports();
    assertEquals(TransportsConfig.DEFAULT, t);
    assertEquals(1_000, t.poll().maxConnections());
    assertEquals(100, t.poll().bufferSize());
    assertEquals(15_000, t.poll().keepAliveInterval());
    assertTrue(t.push().enabled());
    assertEquals(256, t.push().concurrency());
    assertEquals(10_000, t.push().connectTimeout());
    assertEquals(180_000, t.push().requestTimeout());
  }

  @Test
  void environmentAndFlagsSetEveryDeliveryOptionAndFlagsWin() throws Exception {
    TransportsConfig t = ConfigLoader.load(
        Map.of("RESONATE_TRANSPORTS__HTTP_POLL__MAX_CONNECTIONS", "7",
            "RESONATE_TRANSPORTS__HTTP_PUSH__ENABLED", "false",
            "SUSTAIN_DELIVERY__SWEEP_INTERVAL", "999"),
        List.of("--transports-http-poll-max-connections", "8", "--transports-http-poll-buffer-size=9",
            "--transports-http-poll-keep-alive", "10", "--transports-http-push-concurrency", "11",
            "--transports-http-push-queue-size", "0", "--transports-http-push-connect-timeout", "13",
            "--transports-http-push-request-timeout", "14", "--delivery-outstanding-timeout", "15",
            "--delivery-parked-per-group", "16", "--delivery-sweep-batch", "17",
            "--delivery-redelivery-backoff", "0")).transports();
    assertEquals(8, t.poll().maxConnections());
    assertEquals(9, t.poll().bufferSize());
    assertEquals(10, t.poll().keepAliveInterval());
    assertFalse(t.push().enabled());
    assertEquals(11, t.push().concurrency());
    assertEquals(0, t.push().queueSize());
    assertEquals(13, t.push().connectTimeout());
    assertEquals(14, t.push().requestTimeout());
    assertEquals(15, t.delivery().outstandingTimeout());
    assertEquals(16, t.delivery().parkedPerGroup());
    assertEquals(999, t.delivery().sweepInterval());
    assertEquals(17, t.delivery().sweepBatch());
    assertEquals(0, t.delivery().redeliveryBackoff());
  }

  @Test
  void nonPositiveLimitsAreRejectedNamingTheFlag() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(), List.of("--transports-http-poll-max-connections", "0")));
    assertTrue(e.getMessage().startsWith("--transports-http-poll-max-connections: expected a positive integer"),
        e.getMessage());
    assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("RESONATE_TRANSPORTS__HTTP_PUSH__CONCURRENCY", "-1"), List.of()));
  }
}
