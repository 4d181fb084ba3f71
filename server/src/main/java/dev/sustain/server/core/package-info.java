/**
 * The pure protocol engine: {@link dev.sustain.server.core.Engine} applies one validated request, or one
 * background timeout pass, to a {@link dev.sustain.server.core.state.State} at a given {@code now}, and the
 * shared mechanisms every transition uses (Touch, the settlement cascade, task timers, promise creation, outbox
 * upserts, preload); {@link dev.sustain.server.core.Oracle} is the in-memory reference model.
 *
 * <p>May import: only {@code dev.sustain.protocol} and {@code java.*} (and its own subpackages). Threading: pure
 * and synchronous, no I/O and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core;
