/**
 * The ceiling: a minimal Vert.x + reactive PostgreSQL server doing only the durable insert behind
 * {@code promise.create}, with the same durability (synchronous commit) and group commit, so that the report can
 * say how close the real server comes to what this machine and this PostgreSQL can do at all.
 *
 * <p>Depends on {@code dev.sustain.protocol} (to decode and answer exactly what the load generator sends) and the
 * Vert.x PG client. One verticle per event loop, each with its own pool and queue; nothing is shared.
 */
package dev.sustain.bench.ceiling;
