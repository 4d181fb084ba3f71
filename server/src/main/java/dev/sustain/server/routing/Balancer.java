package dev.sustain.server.routing;

import dev.sustain.server.routing.GroupRegistry.Member;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses a member of a group for an anycast message: the eligible member with the fewest <em>outstanding</em>
 * executes (sent to it, not yet acquired, released or fulfilled by anyone), ties broken at random. A worker that
 * accepts work but never acquires it therefore stops being chosen as soon as another member is less loaded.
 *
 * <p>Outstanding entries expire after {@code outstandingTimeout} ms (by then the task's retry timer announces it
 * again) and are capped in number, so a worker that vanished mid-task or a task id nobody answers cannot leak.
 *
 * <p>Confined to the router's context; not thread-safe. Time is a parameter.
 */
public final class Balancer {

  /** More outstanding executes than this are forgotten oldest first: memory stays bounded under any load. */
  static final int MAX_TRACKED = 100_000;

  private record Outstanding(long connectionId, long expiresAt) {}

  private final long outstandingTimeout;
  private final RandomGenerator random;
  // Insertion order is expiry order: every entry gets the same timeout and is re-inserted when re-sent.
  private final LinkedHashMap<String, Outstanding> byTask = new LinkedHashMap<>();
  private final Map<Long, Integer> loadByConnection = new HashMap<>();

  public Balancer(long outstandingTimeout, RandomGenerator random) {
    if (outstandingTimeout < 1) {
      throw new IllegalArgumentException("outstandingTimeout must be positive: " + outstandingTimeout);
    }
    this.outstandingTimeout = outstandingTimeout;
    this.random = random;
  }

  /**
   * The least-loaded candidate that passes {@code eligible} (writable, below its in-flight window), a uniformly
   * random one among equals; empty if none is eligible.
   */
  public Optional<Member> pick(List<Member> candidates, Predicate<Member> eligible, long now) {
    expire(now);
    Member best = null;
    int bestLoad = Integer.MAX_VALUE;
    int ties = 0;
    for (Member m : candidates) {
      if (!eligible.test(m)) {
        continue;
      }
      int load = outstanding(m);
      if (load < bestLoad) {
        best = m;
        bestLoad = load;
        ties = 1;
      } else if (load == bestLoad && random.nextInt(++ties) == 0) {
        // Reservoir sampling: each of the k equally loaded members ends up chosen with probability 1/k.
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /** An execute for {@code taskId} was handed to {@code member}; it replaces any earlier one for the task. */
  public void sent(String taskId, Member member, long now) {
    release(byTask.remove(taskId));
    byTask.put(taskId, new Outstanding(member.connectionId(), now + outstandingTimeout));
    loadByConnection.merge(member.connectionId(), 1, Integer::sum);
    if (byTask.size() > MAX_TRACKED) {
      Iterator<Outstanding> oldest = byTask.values().iterator();
      release(oldest.next());
      oldest.remove();
    }
  }

  /** A worker acquired, released or fulfilled {@code taskId}: its execute is no longer outstanding. */
  public void consumed(String taskId) {
    release(byTask.remove(taskId));
  }

  /** The member's connection closed: forget its load (its tasks come back through lease or retry timers). */
  public void removed(Member member) {
    if (loadByConnection.remove(member.connectionId()) != null) {
      byTask.values().removeIf(o -> o.connectionId() == member.connectionId());
    }
  }

  /** Executes sent to this member and still outstanding. */
  public int outstanding(Member member) {
    return loadByConnection.getOrDefault(member.connectionId(), 0);
  }

  /** Forgets every outstanding execute. */
  public void clear() {
    byTask.clear();
    loadByConnection.clear();
  }

  /** Outstanding executes over all members. */
  public int tracked() {
    return byTask.size();
  }

  /** Forgets entries whose time ran out. */
  public void expire(long now) {
    Iterator<Outstanding> it = byTask.values().iterator();
    while (it.hasNext()) {
      Outstanding o = it.next();
      if (o.expiresAt() > now) {
        return;
      }
      release(o);
      it.remove();
    }
  }

  private void release(Outstanding o) {
    if (o != null) {
      loadByConnection.computeIfPresent(o.connectionId(), (k, v) -> v <= 1 ? null : v - 1);
    }
  }
}
