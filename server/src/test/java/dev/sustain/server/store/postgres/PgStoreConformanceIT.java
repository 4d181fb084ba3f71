package dev.sustain.server.store.postgres;

import dev.sustain.server.conformance.ConformanceContract;
import dev.sustain.server.conformance.ProtocolDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The conformance cases against {@link PgStore} on the test PostgreSQL (one schema for the class, reset per test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgStoreConformanceIT extends ConformanceContract {
  private PgStoreDriver driver;

  @BeforeAll
  void open() {
    driver = PgStoreDriver.open();
  }

  @AfterAll
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Override
  protected ProtocolDriver driver() {
    return driver;
  }
}
