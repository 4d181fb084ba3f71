package dev.sustain.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerUrlTest {

  @Test
  void aBareOriginPostsToTheRootAndDerivesThePaths() {
    ServerUrl url = ServerUrl.parse("http://localhost:8001");
    assertEquals(new ServerUrl("localhost", 8001, false, ""), url);
    assertEquals("/", url.rpcPath());
    assertEquals("/poll/default/w1", url.pollPath("default", "w1"));
    assertEquals("/ws/default/w1", url.webSocketPath("default", "w1"));
    assertEquals("/ws", url.webSocketPath("default", null));
  }

  @Test
  void aBasePathPrefixesEveryEndpointAndTrailingSlashesAreDropped() {
    ServerUrl url = ServerUrl.parse("https://example.com/sustain/");
    assertEquals(new ServerUrl("example.com", 443, true, "/sustain"), url);
    assertEquals("/sustain", url.rpcPath());
    assertEquals("/sustain/ws", url.webSocketPath("g", null));
  }

  @Test
  void groupAndIdAreEncodedAsPathSegments() {
    ServerUrl url = ServerUrl.parse("http://h");
    assertEquals(80, url.port());
    assertEquals("/poll/my%20group/a%2Fb%2Bc", url.pollPath("my group", "a/b+c"));
  }
}
