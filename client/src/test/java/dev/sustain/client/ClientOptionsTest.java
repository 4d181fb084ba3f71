package dev.sustain.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

  @Test
  void defaultsMatchTheirConstants() {
    ClientOptions options = new ClientOptions();
    assertEquals(ClientOptions.DEFAULT_URL, options.getUrl());
    assertEquals(TransportKind.HTTP, options.getTransport());
    assertEquals("default", options.getGroup());
    assertNull(options.getId());
    assertEquals(10_000, options.getRequestTimeout());
    assertEquals(1024, options.getMaxInFlight());
  }

  @Test
  void theCopyIsIndependent() {
    ClientOptions original = new ClientOptions().setId("w1").setToken("t").setTransport(TransportKind.WEBSOCKET);
    ClientOptions copy = new ClientOptions(original);
    original.setId("w2");
    assertEquals("w1", copy.getId());
    assertEquals("t", copy.getToken());
    assertEquals(TransportKind.WEBSOCKET, copy.getTransport());
    assertNotSame(original, copy);
  }

  @Test
  void invalidValuesAreRefusedNamingTheOption() {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> new ClientOptions().setUrl("ws://localhost:8001"));
    assertEquals(true, url.getMessage().startsWith("url:"));
    assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setGroup(""));
    assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setRequestTimeout(0));
    assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setMaxInFlight(-1));
    Vertx vertx = Vertx.vertx();
    try {
      assertThrows(IllegalArgumentException.class, () -> SustainClient.create(vertx,
          new ClientOptions().setReconnectBackoffMin(5_000).setReconnectBackoffMax(1_000)));
      SustainClient requestOnly = SustainClient.create(vertx, new ClientOptions());
      assertThrows(IllegalStateException.class, () -> requestOnly.messages(m -> { }));
    } finally {
      vertx.close();
    }
  }
}
