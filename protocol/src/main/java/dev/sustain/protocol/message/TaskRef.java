package dev.sustain.protocol.message;

/** {@code {id, version}}: a task at a version, as listed by {@code task.heartbeat} and carried by {@code execute}. */
public record TaskRef(String id, long version) {}
