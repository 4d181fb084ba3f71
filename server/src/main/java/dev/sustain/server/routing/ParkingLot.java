package dev.sustain.server.routing;

import dev.sustain.protocol.address.PollAddress;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.server.store.OutboxEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Messages for poll groups that had no eligible member, held until one connects or drains. Per group, a queue
 * per worker id (what waits for that id) and one for the whole group (what any member may take); each queue is
 * blocked for one reason only, so a flush can stop at its first undeliverable message. Executes coalesce per task
 * (the newest version wins), unblocks per (promise, address). Bounded per group: beyond the bound a message is not
 * parked and waits in the outbox only.
 *
 * <p>Confined to the router's context; not thread-safe.
 */
final class ParkingLot {

  /** A parked message and its parsed address. */
  record Item(OutboxEntry entry, PollAddress address) {}

  private static final class Group {
    final LinkedHashMap<String, Item> any = new LinkedHashMap<>();
    final Map<String, LinkedHashMap<String, Item>> byId = new HashMap<>();
    int size;
  }

  private final int perGroup;
  private final Map<String, Group> groups = new HashMap<>();
  private final Set<OutboxEntry> entries = new HashSet<>();

  ParkingLot(int perGroup) {
    this.perGroup = perGroup;
  }

  boolean contains(OutboxEntry entry) {
    return entries.contains(entry);
  }

  int size() {
    return entries.size();
  }

  boolean hasGroup(String group) {
    return groups.containsKey(group);
  }

  List<String> groups() {
    return new ArrayList<>(groups.keySet());
  }

  void clear() {
    groups.clear();
    entries.clear();
  }

  /**
   * Parks {@code item}, in the queue of its worker id when {@code forId} (a unicast, or an anycast whose id is
   * connected), else in the group's queue. False if the group is at its bound and nothing was parked.
   */
  boolean park(Item item, boolean forId) {
    String groupName = item.address().group();
    Group group = groups.get(groupName);
    LinkedHashMap<String, Item> queue =
        group == null ? null : forId ? group.byId.get(item.address().id()) : group.any;
    String key = coalesceKey(item.entry());
    Item previous = queue == null ? null : queue.get(key);
    if (previous != null) {
      if (isOlder(item.entry(), previous.entry())) {
        return true;
      }
      queue.remove(key);
      entries.remove(previous.entry());
      group.size--;
    } else if ((group == null ? 0 : group.size) >= perGroup) {
      return false;
    }
    if (group == null) {
      group = new Group();
      groups.put(groupName, group);
    }
    if (queue == null) {
      queue = forId ? group.byId.computeIfAbsent(item.address().id(), id -> new LinkedHashMap<>()) : group.any;
    }
    queue.put(key, item);
    entries.add(item.entry());
    group.size++;
    return true;
  }

  /**
   * Offers the group's parked messages to {@code taker} in order — those waiting for {@code id} (every id when
   * null), then the group's — removing each it takes and stopping a queue at the first it refuses.
   */
  void flush(String groupName, String id, Predicate<Item> taker) {
    Group group = groups.get(groupName);
    if (group == null) {
      return;
    }
    for (String queueId : id != null ? List.of(id) : new ArrayList<>(group.byId.keySet())) {
      LinkedHashMap<String, Item> queue = group.byId.get(queueId);
      if (queue != null) {
        flushQueue(group, queue, taker);
        if (queue.isEmpty()) {
          group.byId.remove(queueId);
        }
      }
    }
    flushQueue(group, group.any, taker);
    if (group.size == 0) {
      groups.remove(groupName);
    }
  }

  private void flushQueue(Group group, LinkedHashMap<String, Item> queue, Predicate<Item> taker) {
    Iterator<Item> it = queue.values().iterator();
    while (it.hasNext()) {
      Item item = it.next();
      if (!taker.test(item)) {
        return;
      }
      it.remove();
      group.size--;
      entries.remove(item.entry());
    }
  }

  /** The last connection of worker {@code id} left: anycasts that waited for it now wait for any member. */
  void departed(String groupName, String id) {
    Group group = groups.get(groupName);
    LinkedHashMap<String, Item> queue = group == null ? null : group.byId.get(id);
    if (queue == null) {
      return;
    }
    Iterator<Map.Entry<String, Item>> it = queue.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Item> e = it.next();
      Item moved = e.getValue();
      if (moved.address().cast() != PollAddress.Cast.ANY) {
        continue;
      }
      it.remove();
      Item existing = group.any.get(e.getKey());
      Item dropped = existing == null ? null : isOlder(existing.entry(), moved.entry()) ? existing : moved;
      if (dropped != moved) {
        group.any.put(e.getKey(), moved);
      }
      if (dropped != null) {
        entries.remove(dropped.entry());
        group.size--;
      }
    }
    if (queue.isEmpty()) {
      group.byId.remove(id);
    }
  }

  private static String coalesceKey(OutboxEntry entry) {
    Message message = entry.message();
    if (message instanceof Execute execute) {
      return "x\0" + execute.task().id();
    }
    return "u\0" + ((Unblock) message).promise().id() + "\0" + entry.address();
  }

  private static boolean isOlder(OutboxEntry candidate, OutboxEntry parked) {
    return candidate.message() instanceof Execute a
        && parked.message() instanceof Execute b
        && a.task().version() < b.task().version();
  }
}
