/**
 * The embedded default store: one SQLite file (WAL, {@code synchronous=FULL}) holding the engine's tables.
 * {@link dev.sustain.server.store.embedded.EmbeddedStore} runs the pure engine against
 * {@link dev.sustain.server.store.embedded.SqliteState} and group-commits queued requests;
 * {@link dev.sustain.server.store.embedded.SqliteSchema} creates and migrates the schema.
 *
 * <p>May import: {@code dev.sustain.server.core} (and {@code .state}), {@code dev.sustain.server.store},
 * {@code dev.sustain.protocol}, {@code java.sql}, {@code io.vertx.core}, Jackson's streaming core (for the JSON
 * columns). Threading: one dedicated writer thread
 * (never a Vert.x event loop) owns the JDBC connection and runs all SQL; every other thread only queues work for
 * it, and answers hop back to the submitting Vert.x context.
 */
package dev.sustain.server.store.embedded;
