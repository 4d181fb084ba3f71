/**
 * The two bindings behind {@link dev.sustain.client.SustainClient}: HTTP requests plus an SSE message stream
 * ({@link dev.sustain.client.transport.HttpTransport}, {@link dev.sustain.client.transport.SseListener}) and one
 * WebSocket ({@link dev.sustain.client.transport.WebSocketTransport}), with their reconnect
 * {@link dev.sustain.client.transport.Backoff}.
 *
 * <p>Depends on {@code dev.sustain.protocol} and Vert.x core. Each transport confines its connection state to one
 * Vert.x context and accepts calls from any thread.
 */
package dev.sustain.client.transport;
