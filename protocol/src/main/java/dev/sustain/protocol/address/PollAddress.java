package dev.sustain.protocol.address;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code poll://{cast}@{group}[/{id}]}: a worker connected to the SSE endpoint. {@code id} is {@code null} when
 * the address names only a group. Parsed by hand rather than with {@link java.net.URI}, which refuses group
 * names containing {@code _} as hosts (spec §1.8).
 */
public record PollAddress(Cast cast, String group, String id) implements Address {
  static final String SCHEME_PREFIX = "poll://";

  /** How a message picks a connection of the group. */
  public enum Cast {
    /** Exactly the connection with the address's id; dropped if there is none. */
    UNI("uni"),
    /** The connection with the id if present, otherwise any connection of the group. */
    ANY("any");

    private final String wire;

    Cast(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    static Optional<Cast> fromWire(String s) {
      for (Cast c : values()) {
        if (c.wire.equals(s)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  public PollAddress {
    Objects.requireNonNull(cast, "cast");
    Objects.requireNonNull(group, "group");
    if (group.isEmpty() || group.indexOf('/') >= 0 || group.indexOf('@') >= 0) {
      throw new IllegalArgumentException("invalid poll group: '" + group + "'");
    }
    if (id != null && id.isEmpty()) {
      id = null;
    }
  }

  static Optional<PollAddress> parse(String text) {
    String rest = text.substring(SCHEME_PREFIX.length());
    int at = rest.indexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    Optional<Cast> cast = Cast.fromWire(rest.substring(0, at));
    if (cast.isEmpty()) {
      return Optional.empty();
    }
    String afterAt = rest.substring(at + 1);
    int slash = afterAt.indexOf('/');
    String group = slash < 0 ? afterAt : afterAt.substring(0, slash);
    String id = slash < 0 ? null : afterAt.substring(slash + 1);
    if (group.isEmpty() || group.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new PollAddress(cast.get(), group, id));
  }

  @Override
  public String toString() {
    return SCHEME_PREFIX + cast.wire + "@" + group + (id == null ? "" : "/" + id);
  }
}
