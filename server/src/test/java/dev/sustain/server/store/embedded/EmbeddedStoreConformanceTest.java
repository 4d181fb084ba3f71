package dev.sustain.server.store.embedded;

import dev.sustain.server.conformance.ConformanceContract;
import dev.sustain.server.conformance.ProtocolDriver;
import dev.sustain.server.core.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance cases against {@link EmbeddedStore}. One file serves the whole class: every case starts with
 * the driver's {@code debug.reset}, so this also proves a reset file behaves like a new one.
 */
class EmbeddedStoreConformanceTest extends ConformanceContract {
  private static Path dir;
  private static EmbeddedStoreDriver driver;

  @Override
  protected ProtocolDriver driver() {
    synchronized (EmbeddedStoreConformanceTest.class) {
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
  }

  @AfterAll
  static void closeStore() throws IOException {
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
