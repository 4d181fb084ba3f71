/**
 * Message destinations (spec §1.8): {@link dev.sustain.protocol.address.Address#parse} accepts
 * {@code poll://{uni|any}@{group}[/{id}]} ({@link dev.sustain.protocol.address.PollAddress}, parsed by hand) and
 * absolute {@code http(s)://} URLs ({@link dev.sustain.protocol.address.HttpAddress}); everything else is
 * rejected.
 *
 * <p>May import: the JDK only.
 *
 * <p>Threading: immutable records; parsing is a pure function.
 */
package dev.sustain.protocol.address;
