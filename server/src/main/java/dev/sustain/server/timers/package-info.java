/**
 * Server time and background passes: the monotonic {@link dev.sustain.server.timers.Clock} and the
 * {@link dev.sustain.server.timers.TimerLoop}, which listens to store commits, arms a next-due timer, runs a
 * periodic safety pass and hands committed messages to the routing {@code MessageSink}.
 *
 * <p>May import: {@code store} (SPI), {@code routing}, Vert.x core.
 *
 * <p>Threading: the clock is thread-safe; the loop is confined to its own context and reached by hopping onto it.
 */
package dev.sustain.server.timers;
