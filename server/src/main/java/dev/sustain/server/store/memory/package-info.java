/**
 * The non-durable store ({@code --store memory}): the pure engine on in-memory tables, for development and tests.
 *
 * <p>May import: {@code store} (SPI), {@code core}, {@code protocol}, Vert.x core.
 *
 * <p>Threading: the state is confined to one Vert.x context; callers hop onto it.
 */
package dev.sustain.server.store.memory;
