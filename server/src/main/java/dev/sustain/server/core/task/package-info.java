/**
 * Transitions of the task kinds ({@code task.*}, spec §3.7–§3.17), one class per kind, and the fence check
 * they share.
 *
 * <p>May import: only {@code dev.sustain.protocol}, {@code java.*} and {@code dev.sustain.server.core}.
 * Threading: pure and synchronous, no I/O and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core.task;
