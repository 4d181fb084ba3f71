/**
 * The transport-independent RPC pipeline of spec §1.5: envelope, debug time, auth hook, {@code now}, kind, debug
 * gate, typed decode, request rules, then {@code debug.start}/{@code debug.stop} or the store, and the mapping of
 * outcomes and failures to response envelopes.
 *
 * <p>May import: {@code protocol}, {@code core} (outcomes), {@code store} (the SPI only), Vert.x futures. Never a
 * concrete store or a transport.
 *
 * <p>Threading: runs on event loops and never blocks; stateless and shared by all of them.
 */
package dev.sustain.server.rpc;
