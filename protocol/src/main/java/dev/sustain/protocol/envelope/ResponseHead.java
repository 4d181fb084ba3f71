package dev.sustain.protocol.envelope;

/** The {@code head} of a response envelope. */
public record ResponseHead(String corrId, int status, String version) {}
