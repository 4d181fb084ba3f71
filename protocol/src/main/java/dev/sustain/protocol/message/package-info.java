/**
 * One record per request {@code data} ({@link dev.sustain.protocol.message.RequestData}: {@code PromiseCreate},
 * {@code TaskFence}, …) and per response {@code data} ({@link dev.sustain.protocol.message.ResponseData}:
 * {@code PromiseCreateResult}, {@code ErrorMessage}, …), and the server-to-worker
 * {@link dev.sustain.protocol.message.Message}s {@code Execute} and {@code Unblock}.
 *
 * <p>May import: {@code dev.sustain.protocol}, {@code .model}, {@code .envelope}, the JDK.
 *
 * <p>Threading: immutable records.
 */
package dev.sustain.protocol.message;
