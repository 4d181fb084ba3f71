/**
 * Schedules: the transitions of {@code schedule.*} (spec §3.18–§3.19), firing (§4.6) and
 * {@link dev.sustain.server.core.schedule.Cron}.
 *
 * <p>May import: only {@code dev.sustain.protocol}, {@code java.*} and {@code dev.sustain.server.core}.
 * Threading: pure and synchronous, no I/O and no clock; confined to the caller's thread.
 */
package dev.sustain.server.core.schedule;
