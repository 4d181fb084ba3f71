package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sustain.server.config.StorageConfig;
import org.junit.jupiter.api.Test;

class PgStoreOptionsTest {

  /**
   * The config package may import only the JDK and this package may not import it, so the server's defaults and
   * the store's are two constants; this keeps them from drifting apart.
   */
  @Test
  void theServersDefaultsAreTheStoresDefaults() {
    assertEquals(PgStoreOptions.DEFAULT_CONNECTIONS, StorageConfig.DEFAULT_POSTGRES_CONNECTIONS);
    assertEquals(PgStoreOptions.DEFAULT_MAX_BATCH, StorageConfig.DEFAULT_POSTGRES_MAX_BATCH);
    PgStoreOptions options = PgStoreOptions.of("postgresql://u@127.0.0.1/db");
    assertEquals(PgStoreOptions.DEFAULT_CONNECTIONS, options.connections());
    assertEquals(PgStoreOptions.DEFAULT_MAX_BATCH, options.maxBatch());
  }

  @Test
  void poolAndBatchMustBePositive() {
    PgStoreOptions options = PgStoreOptions.of("postgresql://u@127.0.0.1/db");
    assertEquals("connections must be positive, was 0",
        assertThrows(IllegalArgumentException.class, () -> options.withConnections(0)).getMessage());
    assertEquals("maxBatch must be positive, was -1",
        assertThrows(IllegalArgumentException.class, () -> options.withMaxBatch(-1)).getMessage());
  }
}
