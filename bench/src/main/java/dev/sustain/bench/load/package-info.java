/**
 * The load generator: {@link dev.sustain.bench.load.LoadDriver} runs one scenario closed-loop (connections ×
 * requests in flight) or at a fixed rate, over HTTP or WebSocket, records latencies in microseconds in
 * HdrHistogram recorders, and reports a progress line a second and a final table ({@link
 * dev.sustain.bench.load.LoadResult}). Requests are encoded once per shard by the protocol codec
 * ({@link dev.sustain.bench.load.RequestTemplate}); workers and the invoke scenario use {@code SustainClient}.
 *
 * <p>Depends on {@code dev.sustain.protocol}, {@code dev.sustain.client}, Vert.x core and HdrHistogram. Each
 * {@code Shard} owns its connections and loops on one event loop; metrics and the dispatch table are the only
 * shared state and are thread-safe; the main thread blocks only to tick and to wait for the end.
 */
package dev.sustain.bench.load;
