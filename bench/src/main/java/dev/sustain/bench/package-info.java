/**
 * Sustain's benchmark tool: {@link dev.sustain.bench.Main} dispatches to the load generator
 * ({@code dev.sustain.bench.load}), the ceiling server ({@code dev.sustain.bench.ceiling}) and the report that
 * sets every figure against the ceiling ({@code dev.sustain.bench.report}).
 *
 * <p>Depends on {@code dev.sustain.protocol} and {@code dev.sustain.client}, never on server internals: the bench
 * talks to the server only over its sockets. Only {@code main} threads block.
 */
package dev.sustain.bench;
