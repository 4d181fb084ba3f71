/**
 * The entry point ({@link dev.sustain.server.Main}: subcommands such as {@code serve}) and the composition root
 * ({@link dev.sustain.server.SustainServer}), which builds every object of a running server by hand.
 *
 * <p>May import: every server package; the only place that names concrete stores.
 *
 * <p>Threading: startup and shutdown run on the main and shutdown-hook threads; everything else on Vert.x.
 */
package dev.sustain.server;
