/**
 * The wire records shared by many kinds (spec §2): {@link dev.sustain.protocol.model.PromiseRecord},
 * {@link dev.sustain.protocol.model.TaskRecord}, {@link dev.sustain.protocol.model.ScheduleRecord},
 * {@link dev.sustain.protocol.model.Value}, the state enums carrying their wire strings, and the tag keys with
 * protocol meaning ({@link dev.sustain.protocol.model.Tags}). Absent optional fields are {@code null} here and
 * omitted on the wire.
 *
 * <p>May import: the JDK only.
 *
 * <p>Threading: immutable records and enums.
 */
package dev.sustain.protocol.model;
