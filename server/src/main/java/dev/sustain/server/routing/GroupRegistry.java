package dev.sustain.server.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The open worker connections, by group, in registration order. Several connections may share one
 * {@code {group, id}}: each is a separate {@link Member} with its own connection id, and closing one removes exactly
 * that one.
 *
 * <p>Confined to the router's context; not thread-safe.
 */
public final class GroupRegistry {

  /** One registered connection. Identity is the connection id, unique for the registry's life. */
  public record Member(long connectionId, Outlet outlet) {
    public String group() {
      return outlet.group();
    }

    public String id() {
      return outlet.id();
    }
  }

  private final int maxConnections;
  private final Map<String, List<Member>> groups = new HashMap<>();
  private final Map<Long, Member> byConnection = new HashMap<>();
  private long nextConnectionId = 1;

  public GroupRegistry(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    this.maxConnections = maxConnections;
  }

  /** Registers a connection; empty when {@code maxConnections} are already open. */
  public Optional<Member> add(Outlet outlet) {
    if (byConnection.size() >= maxConnections) {
      return Optional.empty();
    }
    Member member = new Member(nextConnectionId++, outlet);
    byConnection.put(member.connectionId(), member);
    groups.computeIfAbsent(outlet.group(), g -> new ArrayList<>(2)).add(member);
    return Optional.of(member);
  }

  /** Removes exactly this connection, dropping its group once empty; false if it was not registered. */
  public boolean remove(Member member) {
    if (byConnection.remove(member.connectionId()) == null) {
      return false;
    }
    List<Member> members = groups.get(member.group());
    members.removeIf(m -> m.connectionId() == member.connectionId());
    if (members.isEmpty()) {
      groups.remove(member.group());
    }
    return true;
  }

  /** Whether this exact connection is still registered. */
  public boolean contains(Member member) {
    return byConnection.get(member.connectionId()) == member;
  }

  /** The group's connections in registration order; empty if none. The list must not be modified. */
  public List<Member> members(String group) {
    List<Member> members = groups.get(group);
    return members == null ? List.of() : Collections.unmodifiableList(members);
  }

  /** The group's connections with this worker id, in registration order. */
  public List<Member> withId(String group, String id) {
    List<Member> out = new ArrayList<>(1);
    for (Member m : members(group)) {
      if (m.id().equals(id)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Every registered connection. */
  public Collection<Member> all() {
    return Collections.unmodifiableCollection(byConnection.values());
  }

  /** Open connections. */
  public int size() {
    return byConnection.size();
  }

  /** Groups with at least one connection. */
  public int groupCount() {
    return groups.size();
  }
}
