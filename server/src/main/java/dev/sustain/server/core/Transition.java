package dev.sustain.server.core;

import dev.sustain.protocol.message.RequestData;

/**
 * The handling of one request kind: reads and writes the {@link Step}'s state and answers with an
 * {@link Outcome}. Implementations are stateless singletons.
 */
@FunctionalInterface
public interface Transition<D extends RequestData> {
  Outcome apply(Step step, D data);
}
