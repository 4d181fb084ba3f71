/**
 * Value rules of every request kind (spec §2.4, §3): {@link dev.sustain.protocol.validate.RequestRules#check}
 * returns {@link dev.sustain.protocol.validate.Violation}s (JSON path + the spec's message) for data the codec
 * has already type-checked. Lineage rules run only with
 * {@link dev.sustain.protocol.validate.RuleOptions#strictLineage()}, in the SDK 0.11.5 id grammar.
 *
 * <p>May import: {@code .message}, {@code .envelope}, {@code .model}, {@code .address}, the JDK. No codec: rules
 * see records, not JSON.
 *
 * <p>Threading: pure static functions; immutable results.
 */
package dev.sustain.protocol.validate;
