/**
 * The Async RPC protocol's identifiers: {@link dev.sustain.protocol.Kind} (every request kind with its wire
 * name), {@link dev.sustain.protocol.ProtocolVersion} (the versions spoken) and
 * {@link dev.sustain.protocol.Status} (the statuses of {@code head.status}). Sub-packages hold the wire types
 * ({@code envelope}, {@code model}, {@code message}), the JSON codec ({@code codec}), addresses ({@code address})
 * and value rules ({@code validate}); this module is the only home of wire field names.
 *
 * <p>May import: the JDK only.
 *
 * <p>Threading: enums and constants; immutable.
 */
package dev.sustain.protocol;
