/**
 * The Java protocol client of Sustain: {@link dev.sustain.client.SustainClient} (one Future-returning method per
 * request kind), {@link dev.sustain.client.ClientOptions} and the exceptions its futures fail with. The base of
 * the Java SDK.
 *
 * <p>Depends on {@code dev.sustain.protocol} (wire types and codec) and Vert.x core only. Thread-safe API; every
 * future completes on a Vert.x event loop and nothing here blocks.
 */
package dev.sustain.client;
