package dev.sustain.protocol.address;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An absolute {@code http://} or {@code https://} URL that messages are POSTed to (spec §1.10). */
public record HttpAddress(String url) implements Address {
  public HttpAddress {
    Objects.requireNonNull(url, "url");
  }

  static Optional<HttpAddress> parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    return hasHost(uri) ? Optional.of(new HttpAddress(text)) : Optional.empty();
  }

  /**
   * {@link URI} leaves the host {@code null} for names it does not consider hostnames (e.g. {@code my_service},
   * common in container networks) and keeps them only as a registry authority; such a name still has to be
   * non-empty once user-info and port are removed.
   */
  private static boolean hasHost(URI uri) {
    if (uri.getHost() != null) {
      return !uri.getHost().isEmpty();
    }
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return false;
    }
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']') < colon) {
      String port = host.substring(colon + 1);
      if (!port.chars().allMatch(Character::isDigit)) {
        return false;
      }
      host = host.substring(0, colon);
    }
    return !host.isEmpty();
  }

  @Override
  public String toString() {
    return url;
  }
}
