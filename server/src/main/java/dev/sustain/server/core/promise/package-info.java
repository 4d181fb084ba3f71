/**
 * Transitions of the promise kinds ({@code promise.*}, spec §3.1–§3.6), one class per kind.
 *
 * <p>May import: only {@code dev.sustain.protocol}, {@code java.*} and {@code dev.sustain.server.core}.
 * Threading: pure and synchronous, no I/O and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core.promise;
