package dev.sustain.protocol.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code head} of a request envelope. {@code corrId} and {@code version} are required on top-level requests
 * (the codec enforces it) but may be absent on nested actions, whose head the protocol leaves free-form.
 * {@code debugTime} is {@code resonate:debug_time}. Other string-valued keys (such as {@code resonate:origin},
 * which the SDK sends) are kept in {@code extra} so they round-trip; the server ignores them.
 */
public record RequestHead(String corrId, String version, String auth, Long debugTime, Map<String, String> extra) {
  public RequestHead {
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static RequestHead of(String corrId, String version) {
    return new RequestHead(corrId, version, null, null, Map.of());
  }

  public RequestHead withoutDebugTime() {
    return new RequestHead(corrId, version, auth, null, extra);
  }

  public RequestHead withAuth(String token) {
    return new RequestHead(corrId, version, token, debugTime, extra);
  }

  public RequestHead withDebugTime(Long time) {
    return new RequestHead(corrId, version, auth, time, extra);
  }
}
