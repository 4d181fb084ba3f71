/**
 * Delivery of outbox messages to workers: address → outlet routing ({@link dev.sustain.server.routing.Router}),
 * the registry of worker connections by group ({@link dev.sustain.server.routing.GroupRegistry}), load balancing
 * by outstanding executes ({@link dev.sustain.server.routing.Balancer}) and HTTP push
 * ({@link dev.sustain.server.routing.HttpPush}). Dispatch on commit, parking while no member is eligible, and a
 * periodic outbox sweep make delivery at-least-once.
 *
 * <p>May import: {@code protocol}, {@code server.store} (the SPI), {@code server.config}, Vert.x core. Never a
 * concrete transport: transports implement {@link dev.sustain.server.routing.Outlet} and register with the router.
 *
 * <p>Threading: all routing state lives on the router's one context; public router methods hop onto it. Writes hop
 * to each outlet's own context; outlet writability is the only state read across threads.
 */
package dev.sustain.server.routing;
