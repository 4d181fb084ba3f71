package dev.sustain.server.it;

import dev.sustain.server.SustainServer;
import dev.sustain.server.config.ConfigLoader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link SustainServer} in this JVM on a free port, configured through the same flags as the command line
 * (the environment is not read, so tests are hermetic). Closing it fails the test if any event loop was reported
 * blocked meanwhile. Used from test threads only.
 */
final class TestServer implements AutoCloseable {
  private final SustainServer server;
  private final RpcClient client;
  private final int blockedMark;

  private TestServer(SustainServer server, int blockedMark) {
    this.server = server;
    this.blockedMark = blockedMark;
    this.client = new RpcClient(URI.create("http://127.0.0.1:" + server.port()));
  }

  /** Starts a server with {@code flags} plus {@code --port 0 --bind 127.0.0.1}. */
  static TestServer start(String... flags) {
    int blockedMark = BlockedThreadWatch.mark();
    List<String> args = new ArrayList<>(List.of(flags));
    args.addAll(List.of("--port", "0", "--bind", "127.0.0.1"));
    try {
      SustainServer server = SustainServer.start(ConfigLoader.load(Map.of(), args))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new TestServer(server, blockedMark);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start with " + args, e);
    }
  }

  RpcClient client() {
    return client;
  }

  int port() {
    return server.port();
  }

  /** Stops the server; fails if an event loop was blocked while it ran. */
  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not close", e);
    }
    List<String> blocked = BlockedThreadWatch.since(blockedMark);
    if (!blocked.isEmpty()) {
      throw new AssertionError("an event loop was blocked while the server ran: " + blocked);
    }
  }
}
