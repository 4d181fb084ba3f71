/**
 * Request and response envelopes ({@code {kind, head, data}}): {@link dev.sustain.protocol.envelope.Request},
 * {@link dev.sustain.protocol.envelope.RequestHead}, {@link dev.sustain.protocol.envelope.Response},
 * {@link dev.sustain.protocol.envelope.ResponseHead} and the nested {@link dev.sustain.protocol.envelope.Action}
 * of {@code task.create}, {@code task.fulfill}, {@code task.suspend} and {@code task.fence}.
 *
 * <p>May import: {@code dev.sustain.protocol}, {@code .message}, the JDK. No JSON library: encoding lives in
 * {@code codec}.
 *
 * <p>Threading: immutable records.
 */
package dev.sustain.protocol.envelope;
