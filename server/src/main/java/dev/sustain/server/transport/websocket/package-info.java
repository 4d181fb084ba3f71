/**
 * The WebSocket transport: {@link dev.sustain.server.transport.websocket.WebSocketEndpoint} upgrades
 * {@code GET /ws} (request-only clients) and {@code GET /ws/{group}/{id}} (workers), runs every request frame
 * through the shared {@code rpc} pipeline and registers worker sockets with the router as
 * {@link dev.sustain.server.routing.Outlet}s. Frame format and limits: {@code docs/websocket.md}.
 *
 * <p>Depends on {@code rpc} (the request pipeline), {@code routing} (outlets), {@code transport.http} (mounting),
 * {@code config} (its limits, {@code WebSocketSettings}), {@code dev.sustain.protocol} and Vert.x core. Each
 * socket is confined to its connection's event loop; the endpoint itself is shared by every loop.
 */
package dev.sustain.server.transport.websocket;
