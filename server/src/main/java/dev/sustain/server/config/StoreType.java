package dev.sustain.server.config;

/** Which {@link dev.sustain.server.store.Store} backs the server. */
public enum StoreType {
  /** The SQLite file store: durable, the default. */
  EMBEDDED("embedded"),
  /** Everything in memory, lost on exit: for development and tests. */
  MEMORY("memory"),
  /** A PostgreSQL database ({@link StorageConfig#postgresUrl()}); several servers may share it. */
  POSTGRES("postgres");

  private final String label;

  StoreType(String label) {
    this.label = label;
  }

  /** The name used on the command line and in the startup line. */
  public String label() {
    return label;
  }
}
