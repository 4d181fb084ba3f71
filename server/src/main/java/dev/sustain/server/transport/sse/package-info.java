/**
 * The SSE poll transport, {@code GET /poll/{group}/{id}} (spec §1.9): each stream is a routing
 * {@link dev.sustain.server.routing.Outlet} writing {@code data:} events framed by
 * {@link dev.sustain.protocol.codec.sse.SseWriter}, with keep-alive comments and a bounded write buffer.
 *
 * <p>May import: {@code protocol}, {@code server.routing}, {@code server.config}, {@code server.transport.http}
 * (to mount on its router), Vert.x core.
 *
 * <p>Threading: the endpoint is stateless; each stream's outlet is confined to its connection's context.
 */
package dev.sustain.server.transport.sse;
