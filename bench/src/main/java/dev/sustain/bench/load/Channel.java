package dev.sustain.bench.load;

import io.vertx.core.Future;

/**
 * One way of carrying encoded requests to the server and their answers back. Confined to the event loop of the
 * shard that opened it.
 */
interface Channel {
  /**
   * Sends one encoded request whose {@code head.corrId} is {@code corrId}. Succeeds with the answer's status
   * whatever it is; fails only when no answer arrived (connection failure or close).
   */
  Future<Answer> send(String corrId, byte[] body);

  Future<Void> close();

  /**
   * An answer: its protocol status, and its text when that is not 200 (for the error report).
   *
   * @param status {@code head.status}, equal to the HTTP status on the HTTP binding (spec §1.3)
   * @param text the body, or {@code null} for a 200 over HTTP (never read)
   */
  record Answer(int status, String text) {
    boolean ok() {
      return status == 200;
    }

    /** A short error reason: the status and the start of the server's message. */
    String reason() {
      String body = text == null ? "" : text;
      return "status " + status + ": " + (body.length() > 160 ? body.substring(0, 160) + "…" : body);
    }
  }
}
