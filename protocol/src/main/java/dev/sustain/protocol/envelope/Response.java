package dev.sustain.protocol.envelope;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.ResponseData;
import java.util.Objects;

/**
 * A response envelope. {@code kind} is a string because an unparseable request is answered with kind
 * {@code "unknown"}. For status 200/300 {@code data} is a typed result; otherwise it is an {@link ErrorMessage}.
 */
public record Response<D extends ResponseData>(String kind, ResponseHead head, D data) {
  public Response {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(data, "data");
  }

  public int status() {
    return head.status();
  }

  public static <D extends ResponseData> Response<D> of(String kind, String corrId, int status, D data) {
    return new Response<>(kind, new ResponseHead(corrId, status, ProtocolVersion.CURRENT), data);
  }

  public static Response<ErrorMessage> error(String kind, String corrId, int status, String message) {
    return of(kind, corrId, status, new ErrorMessage(message));
  }
}
