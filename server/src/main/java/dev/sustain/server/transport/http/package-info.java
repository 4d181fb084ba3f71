/**
 * The HTTP listener: the {@link dev.sustain.server.transport.http.HttpRouter} every endpoint registers with,
 * {@code POST /} ({@link dev.sustain.server.transport.http.RpcEndpoint}), {@code /health}, {@code /ready}, the
 * legacy 410 paths, and the verticle deployed once per event loop.
 *
 * <p>May import: {@code rpc}, {@code protocol}, Vert.x core. Never {@code store} (readiness arrives as a
 * supplier).
 *
 * <p>Threading: each connection lives on one event loop; handlers never block.
 */
package dev.sustain.server.transport.http;
