package dev.sustain.server.it;

import dev.sustain.server.conformance.ConformanceContract;
import dev.sustain.server.conformance.ProtocolDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance cases of spec §8 against the whole server over HTTP: codec, envelope checks, validation, the
 * embedded store on a real SQLite file and its group commit, with time driven by {@code resonate:debug_time}.
 * One server serves the whole class; each test starts from {@code debug.reset}.
 */
class HttpEmbeddedConformanceIT extends ConformanceContract {
  private static Path dir;
  private static TestServer server;
  private static HttpDriver driver;

  @BeforeAll
  static void startServer() throws IOException {
    dir = Files.createTempDirectory("sustain-conformance");
    server = TestServer.start("--debug", "--db", dir.resolve("sustain.db").toString());
    driver = new HttpDriver(server.client());
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    TempFiles.delete(dir);
  }

  @Override
  protected ProtocolDriver driver() {
    return driver;
  }
}
