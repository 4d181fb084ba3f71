package dev.sustain.protocol.model;

import java.util.Objects;

/**
 * A task as it appears on the wire. {@code ttl} and {@code pid} are present only while the task is acquired;
 * otherwise they are {@code null} here and omitted from the JSON.
 */
public record TaskRecord(String id, TaskState state, long version, long resumes, Long ttl, String pid) {
  public TaskRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }
}
