/**
 * Transitions of {@code debug.reset}, {@code debug.tick} and {@code debug.snap} (spec §3.20);
 * {@code debug.start} and {@code debug.stop} pause the server's loops and stay outside the engine.
 *
 * <p>May import: only {@code dev.sustain.protocol}, {@code java.*} and {@code dev.sustain.server.core}.
 * Threading: pure and synchronous, no I/O and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core.debug;
