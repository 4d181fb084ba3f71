/**
 * The row model every store persists ({@link dev.sustain.server.core.state.Row}s keyed by {@link
 * dev.sustain.server.core.state.RowKey}, {@link dev.sustain.server.core.state.ChangeSet}), the {@link
 * dev.sustain.server.core.state.State} the engine reads and writes, and {@link
 * dev.sustain.server.core.state.MemoryState}, everything in sorted maps.
 *
 * <p>May import: only {@code dev.sustain.protocol} and {@code java.*}. Threading: pure and synchronous, no I/O
 * and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core.state;
