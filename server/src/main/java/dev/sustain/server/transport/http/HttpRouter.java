package dev.sustain.server.transport.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps method + path to an endpoint. Every endpoint of the HTTP listener is registered in one place (the
 * composition root builds the router), so the SSE poll stream and later transports add a line there.
 *
 * <p>Patterns are split at {@code /}: a literal segment, a {@code {name}} segment capturing one non-empty
 * segment, or a final {@code *} matching any rest (including nothing). The first matching route wins. A path that
 * matches only with another method gets 405; no match gets 404; both as JSON. {@code HEAD} is routed like
 * {@code GET}.
 *
 * <p>Immutable and thread-safe: one instance serves every event loop.
 */
public final class HttpRouter implements Handler<HttpServerRequest> {

  /** An endpoint; {@code params} holds the captured {@code {name}} segments. */
  @FunctionalInterface
  public interface Route {
    void handle(HttpServerRequest request, Map<String, String> params);
  }

  private record Entry(HttpMethod method, String[] segments, boolean rest, Route route) {}

  private final List<Entry> entries;

  private HttpRouter(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void handle(HttpServerRequest request) {
    String[] path = split(request.path());
    // HEAD is served by the GET route, as health checks of load balancers expect; Vert.x drops the body.
    HttpMethod method = request.method() == HttpMethod.HEAD ? HttpMethod.GET : request.method();
    Set<HttpMethod> allowed = null;
    for (Entry entry : entries) {
      Map<String, String> params = match(entry, path);
      if (params == null) {
        continue;
      }
      if (entry.method() == null || entry.method().equals(method)) {
        entry.route().handle(request, params);
        return;
      }
      if (allowed == null) {
        allowed = new LinkedHashSet<>();
      }
      allowed.add(entry.method());
    }
    if (allowed != null) {
      request.response().putHeader(HttpHeaders.ALLOW,
          allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
      JsonErrors.send(request.response(), 405,
          "Method not allowed: " + request.method() + " " + request.path() + " (allowed: " + allowed + ")");
      return;
    }
    JsonErrors.send(request.response(), 404, "Not found: " + request.method() + " " + request.path());
  }

  private static Map<String, String> match(Entry entry, String[] path) {
    String[] pattern = entry.segments();
    if (entry.rest() ? path.length < pattern.length : path.length != pattern.length) {
      return null;
    }
    Map<String, String> params = Map.of();
    for (int i = 0; i < pattern.length; i++) {
      String want = pattern[i];
      if (want.startsWith("{") && want.endsWith("}")) {
        if (path[i].isEmpty()) {
          return null;
        }
        if (params.isEmpty()) {
          params = new LinkedHashMap<>();
        }
        params.put(want.substring(1, want.length() - 1), path[i]);
      } else if (!want.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  /** {@code "/"} → no segments; {@code "/a/b/"} → {@code a, b, ""}. */
  private static String[] split(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return new String[0];
    }
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.split("/", -1);
  }

  /** Collects routes in registration order. Not thread-safe; used once at startup. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * @param method the method, or null for any
     * @param pattern e.g. {@code /}, {@code /health}, {@code /promises/*}, {@code /poll/{group}/{id}}
     */
    public Builder route(HttpMethod method, String pattern, Route route) {
      if (!pattern.startsWith("/")) {
        throw new IllegalArgumentException("pattern must start with /: " + pattern);
      }
      String[] segments = split(pattern);
      boolean rest = segments.length > 0 && segments[segments.length - 1].equals("*");
      if (rest) {
        String[] head = new String[segments.length - 1];
        System.arraycopy(segments, 0, head, 0, head.length);
        segments = head;
      }
      entries.add(new Entry(method, segments, rest, route));
      return this;
    }

    public HttpRouter build() {
      return new HttpRouter(entries);
    }
  }
}
