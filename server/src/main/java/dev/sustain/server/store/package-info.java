/**
 * The store SPI: {@link dev.sustain.server.store.Store} applies protocol requests durably through the pure engine,
 * runs the background timeout pass, and keeps the outbox; {@link dev.sustain.server.store.StoreListener} hears
 * about every commit. Implementations live in {@code store.embedded} (SQLite), {@code store.postgres} and
 * {@code store.memory}; only the composition root names them.
 *
 * <p>May import: {@code core}, {@code protocol}, {@code io.vertx.core}. Threading: every method may be called
 * from any event loop and returns a {@code Future} completed on a Vert.x context; nothing here blocks a loop.
 */
package dev.sustain.server.store;
