/**
 * The JSON codec: {@link dev.sustain.protocol.codec.ProtocolCodec} decodes requests (envelope checks of spec §1.5
 * steps 1–4, then per-kind data), responses and messages from bounded Jackson trees
 * ({@link dev.sustain.protocol.codec.CodecLimits}) and encodes them with a streaming generator, never writing
 * {@code null}. Failures are stackless {@link dev.sustain.protocol.codec.DecodeException}s naming the JSON path
 * and the expectation. {@link dev.sustain.protocol.codec.Envelope} and
 * {@link dev.sustain.protocol.codec.RawData} let the server authorize before the typed decode.
 *
 * <p>May import: the other protocol packages, Jackson ({@code jackson-core}, {@code jackson-databind} tree model
 * only: no data binding, no reflection), the JDK. Jackson types never appear in public signatures.
 *
 * <p>Threading: {@code ProtocolCodec} is immutable and thread-safe (share one instance); the package-private
 * decoders are stateless or per-call.
 */
package dev.sustain.protocol.codec;
