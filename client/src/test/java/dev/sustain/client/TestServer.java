package dev.sustain.client;

import dev.sustain.server.SustainServer;
import dev.sustain.server.config.ConfigLoader;
import dev.sustain.server.config.ServerConfig;
import dev.sustain.server.transport.websocket.WebSocketConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts the real server in-process, through its composition root, with the memory store on a free port. */
final class TestServer implements AutoCloseable {
  private final SustainServer server;

  private TestServer(SustainServer server) {
    this.server = server;
  }

  /** A server with {@code --store memory --port 0} plus {@code extraArgs}, and the given WebSocket limits. */
  static TestServer start(WebSocketConfig ws, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("--store", "memory"));
    if (!List.of(extraArgs).contains("--port")) {
      args.addAll(List.of("--port", "0"));
    }
    args.addAll(List.of(extraArgs));
    ServerConfig config = ConfigLoader.load(Map.of(), args);
    SustainServer server = SustainServer.start(config, ws).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    return new TestServer(server);
  }

  static TestServer start(String... extraArgs) throws Exception {
    return start(WebSocketConfig.DEFAULT, extraArgs);
  }

  SustainServer server() {
    return server;
  }

  int port() {
    return server.port();
  }

  String url() {
    return "http://localhost:" + server.port();
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the server", e);
    }
  }
}
