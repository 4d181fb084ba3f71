/**
 * {@code text/event-stream} framing shared by the server (writes the poll stream) and the Java client (reads it).
 *
 * <p>Owns: {@link dev.sustain.protocol.codec.sse.SseWriter}, {@link dev.sustain.protocol.codec.sse.SseReader}.
 * May import: the JDK only (no Vert.x, no Jackson: payloads are opaque bytes here).
 * Threading: the writer is stateless; a reader belongs to one stream and is fed from one thread at a time.
 */
package dev.sustain.protocol.codec.sse;
