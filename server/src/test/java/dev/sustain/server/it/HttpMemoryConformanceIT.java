package dev.sustain.server.it;

import dev.sustain.server.conformance.ConformanceContract;
import dev.sustain.server.conformance.ProtocolDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance cases of spec §8 over HTTP against a server on the memory store ({@code --store memory}). */
class HttpMemoryConformanceIT extends ConformanceContract {
  private static TestServer server;
  private static HttpDriver driver;

  @BeforeAll
  static void startServer() {
    server = TestServer.start("--debug", "--store", "memory");
    driver = new HttpDriver(server.client());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ProtocolDriver driver() {
    return driver;
  }
}
