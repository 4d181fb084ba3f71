package dev.sustain.server.store.embedded;

import dev.sustain.server.conformance.ConformanceContract;
import dev.sustain.server.conformance.ProtocolDriver;
import dev.sustain.server.core.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/** The conformance cases against {@link EmbeddedStore} on a fresh SQLite file per test. */
class EmbeddedStoreConformanceTest extends ConformanceContract {
  private Path dir;
  private EmbeddedStoreDriver driver;

  @Override
  protected ProtocolDriver driver() {
    if (driver == null) {
      try {
        dir = Files.createTempDirectory("sustain-conformance");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      driver = EmbeddedStoreDriver.open(dir.resolve("sustain.db"), EngineConfig.DEFAULTS);
    }
    return driver;
  }

  @AfterEach
  void closeStore() throws IOException {
    if (driver != null) {
      driver.close();
      driver = null;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }
}
