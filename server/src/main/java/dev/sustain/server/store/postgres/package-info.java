/**
 * The PostgreSQL store: {@link dev.sustain.server.store.postgres.PgStore} runs the pure engine over batches of
 * queued requests, each batch one transaction on the Vert.x reactive PG client. A
 * {@link dev.sustain.server.store.postgres.PgBatchState} loads the rows the engine asks for ({@code FOR UPDATE},
 * in pipelined rounds), the batch's net changes are written with one statement per table and kind, and the
 * commit is followed by dispatch. {@link dev.sustain.server.store.postgres.PgSchema} holds the numbered
 * migrations; {@link dev.sustain.server.store.postgres.PgErrors} is the only place SQLSTATEs are interpreted.
 * Correctness across concurrent batches and across several servers on one database rests on row locks and
 * primary keys, never on in-process locks.
 *
 * <p>May import: {@code dev.sustain.server.core} (and {@code .state}), {@code dev.sustain.server.store},
 * {@code dev.sustain.protocol}, {@code io.vertx.core}, {@code io.vertx.sqlclient}, {@code io.vertx.pgclient}. Never
 * JDBC. Threading: each store is confined to its own event-loop context (its pool's connections live on it);
 * callers on other contexts hop in with {@code runOnContext} and get their answers back on their own context.
 * Nothing here blocks: every wait is a future.
 */
package dev.sustain.server.store.postgres;
