/**
 * Server configuration: the immutable {@link dev.sustain.server.config.ServerConfig} record tree, loaded once at
 * startup by {@link dev.sustain.server.config.ConfigLoader} from defaults, environment ({@code RESONATE_*},
 * {@code SUSTAIN_*}) and flags, plus the logging setup it implies.
 *
 * <p>May import: the JDK only. The only package that reads the environment.
 *
 * <p>Threading: records are immutable; loading runs once on the main thread.
 */
package dev.sustain.server.config;
