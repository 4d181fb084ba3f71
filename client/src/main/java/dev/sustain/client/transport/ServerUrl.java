package dev.sustain.client.transport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The parts of {@code ClientOptions.url} the transports need. A base path ({@code http://h/sustain}) prefixes
 * every endpoint, so a server mounted behind a path-routing proxy still works. Immutable.
 *
 * @param basePath the URL's path without a trailing slash; {@code ""} for a bare origin
 */
public record ServerUrl(String host, int port, boolean ssl, String basePath) {

  public static ServerUrl parse(String url) {
    URI uri = URI.create(url);
    boolean ssl = "https".equals(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new ServerUrl(uri.getHost(), port, ssl, path);
  }

  /** {@code POST} target of every RPC over HTTP. */
  public String rpcPath() {
    return basePath.isEmpty() ? "/" : basePath;
  }

  /** The SSE stream of worker {@code id} in {@code group}. */
  public String pollPath(String group, String id) {
    return basePath + "/poll/" + segment(group) + "/" + segment(id);
  }

  /** The WebSocket of a worker ({@code group} and {@code id} set) or of a request-only client ({@code id == null}). */
  public String webSocketPath(String group, String id) {
    return id == null ? basePath + "/ws" : basePath + "/ws/" + segment(group) + "/" + segment(id);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
