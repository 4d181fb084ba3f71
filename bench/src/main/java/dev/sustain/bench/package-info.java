/**
 * Load generators for Sustain. {@link dev.sustain.bench.PromiseLoad} drives promise operations through the
 * Java client over HTTP or WebSocket.
 *
 * <p>Depends on {@code dev.sustain.client} and {@code dev.sustain.protocol}; never on server internals. Load runs
 * on the client's event loop; only {@code main} blocks.
 */
package dev.sustain.bench;
