package dev.sustain.server.routing;

import dev.sustain.protocol.address.Address;
import dev.sustain.protocol.address.HttpAddress;
import dev.sustain.protocol.address.PollAddress;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Message;
import dev.sustain.server.config.DeliveryConfig;
import dev.sustain.server.config.PollConfig;
import dev.sustain.server.config.PushConfig;
import dev.sustain.server.routing.GroupRegistry.Member;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Delivers outbox messages to workers (spec §1.8–§1.10, §5.5): {@code poll://} addresses to the connections
 * transports registered as {@link Outlet}s, {@code http(s)://} addresses through {@link HttpPush}.
 *
 * <ul>
 *   <li>{@code poll://uni@g/id}: the first eligible connection with that id, else parked for it.
 *   <li>{@code poll://any@g/id}: that id if it has an eligible connection, else {@linkplain Balancer balanced}
 *       over the group, else parked for the group.
 *   <li>{@code poll://any@g}: balanced over the group, else parked.
 * </ul>
 *
 * <p><b>Never lost.</b> A message leaves the outbox only after a successful hand-off (the bytes reached the
 * worker's socket, or the push endpoint answered 2xx), through {@link Store#acknowledge}. A message with no eligible
 * member is parked in memory (bounded per group, executes coalesced per task, newest version winning) and routed
 * again as soon as a member of its group connects or drains. A periodic sweep re-reads {@link Store#outbox} and
 * routes what is neither in flight nor parked, which recovers messages across restarts and failed pushes.
 * Duplicates are possible (a crash between hand-off and acknowledge); the SDK tolerates them (spec §5.5).
 *
 * <p>Threading: all routing state is confined to one context; the public methods may be called from any thread and
 * hop onto it. Writes hop to each outlet's own context.
 */
public final class Router implements MessageSink {

  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  /** How long hand-offs gather before one acknowledge: fewer store transactions under load, little delay. */
  private static final long ACK_DELAY_MS = 5;

  /** An acknowledge batch this large goes at once. */
  private static final int MAX_ACK_BATCH = 512;

  /** Failed pushes remembered for their back-off; more are forgotten oldest first (they stay in the outbox). */
  private static final int MAX_HELD = 10_000;

  /** What the router holds right now; for tests, metrics and leak checks. */
  public record Stats(int connections, int groups, int parked, int inFlight, int outstanding, int held) {}

  /** {@code GET /poll} when {@link PollConfig#maxConnections()} streams are open: answered 503. */
  public static final class CapacityException extends RuntimeException {
    public static final String MESSAGE = "Poll registration at capacity";

    CapacityException() {
      super(MESSAGE, null, false, false);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final Store store;
  private final ProtocolCodec codec;
  private final String serverUrl;
  private final PollConfig poll;
  private final DeliveryConfig delivery;
  private final GroupRegistry registry;
  private final Balancer balancer;
  private final HttpPush push;

  private final Map<Long, Integer> sendsByConnection = new HashMap<>();
  private final Set<OutboxEntry> inFlight = new HashSet<>();
  private final ParkingLot parked;
  private final LinkedHashMap<OutboxEntry, Long> held = new LinkedHashMap<>();
  private List<OutboxEntry> acks = new ArrayList<>();
  private long ackTimer = -1;
  /** Acknowledged while a sweep's read was under way: that read may still list them, and they must not go twice. */
  private final Set<OutboxEntry> ackedDuringSweep = new HashSet<>();
  private boolean paused;
  private boolean closed;
  private boolean sweeping;
  private long sweepTimer = -1;

  /**
   * @param context the context that owns routing state (an event-loop context of its own is best)
   * @param serverUrl put into execute heads that carry none (spec §1.7)
   * @param random tie-breaker of the balancer; tests pass a seeded one
   */
  public Router(
      Vertx vertx,
      Context context,
      Store store,
      ProtocolCodec codec,
      String serverUrl,
      PollConfig poll,
      PushConfig push,
      DeliveryConfig delivery,
      RandomGenerator random) {
    this.vertx = vertx;
    this.context = context;
    this.store = store;
    this.codec = codec;
    this.serverUrl = serverUrl;
    this.poll = poll;
    this.delivery = delivery;
    this.registry = new GroupRegistry(poll.maxConnections());
    this.balancer = new Balancer(delivery.outstandingTimeout(), random);
    this.parked = new ParkingLot(delivery.parkedPerGroup());
    this.push = push.enabled() ? new HttpPush(vertx, push) : null;
  }

  /** Starts the periodic sweep and sweeps once at once, so messages left in the outbox by a restart go out. */
  public Future<Void> start() {
    return call(() -> {
      if (!closed && sweepTimer == -1) {
        sweepTimer = vertx.setPeriodic(delivery.sweepInterval(), id -> sweep());
        sweep();
      }
      return null;
    });
  }

  // ---- entry points, any thread ----

  /** Dispatch on commit: routes the messages a commit just added, without waiting for a sweep. */
  @Override
  public void deliver(List<OutboxEntry> messages) {
    if (messages.isEmpty()) {
      return;
    }
    run(() -> {
      for (OutboxEntry entry : messages) {
        // A fresh commit is the store re-announcing the message: send it now even if a push of it failed lately.
        held.remove(entry);
        route(entry);
      }
    });
  }

  /**
   * Registers a worker connection; fails with {@link CapacityException} when the connection cap is reached.
   * Completes with the connection id the outlet reports {@link #drained} with. The router forgets the connection
   * when {@link Outlet#closed()} completes.
   */
  public Future<Long> connect(Outlet outlet) {
    Promise<Long> result = Promise.promise();
    run(() -> {
      if (closed) {
        result.fail(new CapacityException());
        return;
      }
      Optional<Member> added = registry.add(outlet);
      if (added.isEmpty()) {
        result.fail(new CapacityException());
        return;
      }
      Member member = added.get();
      outlet.closed().onComplete(v -> run(() -> disconnect(member)));
      result.complete(member.connectionId());
      flushParked(member.group(), member.id());
    });
    return result.future();
  }

  /** The outlet's write queue drained: messages parked for its group may go now. */
  public void drained(Outlet outlet) {
    run(() -> flushParked(outlet.group(), outlet.id()));
  }

  /**
   * A worker acquired, released or fulfilled the task (called by the rpc layer for {@code task.acquire},
   * {@code task.release} and {@code task.fulfill}): its execute no longer counts against the member it went to.
   */
  public void executeConsumed(String taskId) {
    run(() -> balancer.consumed(taskId));
  }

  /** {@code debug.start}: deliver nothing; messages stay in the outbox and visible in {@code debug.snap}. */
  public Future<Void> pause() {
    return call(() -> {
      paused = true;
      return null;
    });
  }

  /** {@code debug.stop}: deliver again, starting with what is parked and what waits in the outbox. */
  public Future<Void> resume() {
    return call(() -> {
      paused = false;
      for (String group : parked.groups()) {
        flushParked(group, null);
      }
      sweep();
      return null;
    });
  }

  /**
   * {@code debug.reset} emptied the store: forget parked messages, failed pushes and outstanding executes, which
   * all refer to rows that no longer exist. Connections stay registered.
   */
  public Future<Void> storeReset() {
    return call(() -> {
      parked.clear();
      held.clear();
      balancer.clear();
      return null;
    });
  }

  /** A snapshot of the routing state. */
  public Future<Stats> stats() {
    return call(() -> new Stats(
        registry.size(),
        registry.groupCount(),
        parked.size(),
        inFlight.size(),
        balancer.tracked(),
        held.size()));
  }

  /** Outstanding executes per connection of {@code group}, in registration order; for tests. */
  public Future<List<Integer>> load(String group) {
    return call(() -> registry.members(group).stream().map(balancer::outstanding).toList());
  }

  /**
   * Stops routing and ends every worker connection (their streams end cleanly); completes when all are closed and
   * the push client is shut. Undelivered messages stay in the outbox for the next start.
   */
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    run(() -> {
      closed = true;
      flushAcks();
      if (sweepTimer != -1) {
        vertx.cancelTimer(sweepTimer);
        sweepTimer = -1;
      }
      List<Future<?>> all = new ArrayList<>();
      for (Member member : new ArrayList<>(registry.all())) {
        Outlet outlet = member.outlet();
        outlet.context().runOnContext(v -> outlet.close());
        all.add(outlet.closed());
      }
      if (push != null) {
        all.add(push.close());
      }
      parked.clear();
      Future.join(all).<Void>mapEmpty().onComplete(done);
    });
    return done.future();
  }

  // ---- routing, on the router's context ----

  private void route(OutboxEntry entry) {
    assert Vertx.currentContext() == context : "routing state is confined to the router's context";
    if (closed || paused || inFlight.contains(entry) || parked.contains(entry)) {
      return;
    }
    Optional<Address> parsed = Address.parse(entry.address());
    if (parsed.isEmpty()) {
      drop(entry, "invalid address");
      return;
    }
    Address address = parsed.get();
    if (address instanceof PollAddress pollAddress) {
      routePoll(entry, pollAddress);
    } else if (address instanceof HttpAddress httpAddress) {
      routePush(entry, httpAddress);
    }
  }

  private void routePoll(OutboxEntry entry, PollAddress address) {
    if (address.cast() == PollAddress.Cast.UNI && address.id() == null) {
      // No connection can ever match a unicast without an id (the Rust server drops it too).
      drop(entry, "unicast address without an id");
      return;
    }
    Member member = choose(address);
    if (member == null) {
      park(entry, address);
    } else {
      dispatch(entry, member);
      // Older messages of the group may have parked while nobody was eligible; they go before anything newer.
      flushParked(address.group(), member.id());
    }
  }

  /**
   * The member that should get a message for {@code address} now, or null if none is eligible. An address with an
   * id that has a connection waits for that connection (busy or not): the SDK targets {@code any@group/pid} so
   * that a resumption returns to the process that ran the task.
   */
  private Member choose(PollAddress address) {
    if (address.id() != null) {
      List<Member> same = registry.withId(address.group(), address.id());
      for (Member m : same) {
        if (eligible(m)) {
          return m;
        }
      }
      if (address.cast() == PollAddress.Cast.UNI || !same.isEmpty()) {
        return null;
      }
    }
    return balancer.pick(registry.members(address.group()), this::eligible, now()).orElse(null);
  }

  /** Writable and below its window, so the router alone never makes a connection exceed its buffer cap. */
  private boolean eligible(Member member) {
    return member.outlet().writable() && sendsByConnection.getOrDefault(member.connectionId(), 0) < poll.bufferSize();
  }

  private void dispatch(OutboxEntry entry, Member member) {
    inFlight.add(entry);
    sendsByConnection.merge(member.connectionId(), 1, Integer::sum);
    Message message = withServerUrl(entry.message());
    if (message instanceof Execute execute) {
      balancer.sent(execute.task().id(), member, now());
    }
    Outlet outlet = member.outlet();
    Runnable send = () -> {
      Future<Void> written;
      try {
        written = outlet.send(message);
      } catch (RuntimeException e) {
        written = Future.failedFuture(e);
      }
      // Always hop back, even from this same context, so completions never re-enter routing mid-iteration.
      written.onComplete(ar -> context.runOnContext(v -> sent(entry, member, ar)));
    };
    if (outlet.context() == context) {
      send.run();
    } else {
      outlet.context().runOnContext(v -> send.run());
    }
  }

  private void sent(OutboxEntry entry, Member member, AsyncResult<Void> result) {
    int before = sendsByConnection.getOrDefault(member.connectionId(), 0);
    if (before <= 1) {
      sendsByConnection.remove(member.connectionId());
    } else {
      sendsByConnection.put(member.connectionId(), before - 1);
    }
    if (result.succeeded()) {
      acknowledge(entry);
      if (before >= poll.bufferSize() && registry.contains(member)) {
        flushParked(member.group(), member.id());
      }
      return;
    }
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("send to " + member.group() + "/" + member.id() + " failed: " + result.cause().getMessage());
    }
    // A connection that refused a write is closing: stop choosing it before its close notification arrives.
    disconnect(member);
    inFlight.remove(entry);
    route(entry);
  }

  private void routePush(OutboxEntry entry, HttpAddress address) {
    if (push == null) {
      drop(entry, "HTTP push is disabled");
      return;
    }
    inFlight.add(entry);
    byte[] body = codec.encodeMessage(withServerUrl(entry.message()));
    push.push(address.url(), body).onComplete(ar -> run(() -> {
      if (ar.succeeded()) {
        acknowledge(entry);
        return;
      }
      inFlight.remove(entry);
      if (!closed) {
        LOG.warning("HTTP push to " + address.url() + " failed, left in the outbox: " + ar.cause().getMessage());
        held.put(entry, now() + delivery.redeliveryBackoff());
        if (held.size() > MAX_HELD) {
          Iterator<OutboxEntry> oldest = held.keySet().iterator();
          oldest.next();
          oldest.remove();
        }
      }
    }));
  }

  private void park(OutboxEntry entry, PollAddress address) {
    boolean forId = address.cast() == PollAddress.Cast.UNI
        || (address.id() != null && !registry.withId(address.group(), address.id()).isEmpty());
    if (!parked.park(new ParkingLot.Item(entry, address), forId) && LOG.isLoggable(Level.FINE)) {
      LOG.fine("group " + address.group() + " is at its parking bound; this message waits in the outbox");
    }
  }

  /** Routes what is parked for {@code group} (for worker {@code id}, or every id when null) while members are eligible. */
  private void flushParked(String group, String id) {
    if (paused || closed || !parked.hasGroup(group)) {
      return;
    }
    parked.flush(group, id, item -> {
      Member member = choose(item.address());
      if (member == null) {
        return false;
      }
      dispatch(item.entry(), member);
      return true;
    });
  }

  private void disconnect(Member member) {
    if (!registry.remove(member)) {
      return;
    }
    balancer.removed(member);
    sendsByConnection.remove(member.connectionId());
    if (registry.withId(member.group(), member.id()).isEmpty()) {
      parked.departed(member.group(), member.id());
    }
    flushParked(member.group(), null);
  }

  /** Deletes a message no transport can ever take (the Rust server drops these at delivery, spec §1.8). */
  private void drop(OutboxEntry entry, String reason) {
    LOG.warning("Dropping " + entry.message().kind() + " to '" + entry.address() + "': " + reason);
    inFlight.add(entry);
    acknowledge(entry);
  }

  /** Acknowledges in batches: what is handed off within {@link #ACK_DELAY_MS} goes in one store call. */
  private void acknowledge(OutboxEntry entry) {
    acks.add(entry);
    if (acks.size() >= MAX_ACK_BATCH) {
      flushAcks();
    } else if (ackTimer == -1) {
      ackTimer = vertx.setTimer(ACK_DELAY_MS, t -> {
        ackTimer = -1;
        flushAcks();
      });
    }
  }

  private void flushAcks() {
    if (ackTimer != -1) {
      vertx.cancelTimer(ackTimer);
      ackTimer = -1;
    }
    if (acks.isEmpty()) {
      return;
    }
    List<OutboxEntry> batch = acks;
    acks = new ArrayList<>();
    Future<Void> done;
    try {
      done = store.acknowledge(batch);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> run(() -> {
      // Kept in flight until the delete committed, so a sweep in between cannot send them again.
      batch.forEach(inFlight::remove);
      if (sweeping) {
        ackedDuringSweep.addAll(batch);
      }
      if (ar.failed()) {
        LOG.warning("Acknowledging " + batch.size() + " delivered messages failed; they may be sent again: "
            + ar.cause());
      }
    }));
  }

  /** Routes outbox rows that nobody is handling: the safety net behind dispatch on commit. */
  private void sweep() {
    if (paused || closed || sweeping) {
      return;
    }
    sweeping = true;
    Future<List<OutboxEntry>> rows;
    try {
      rows = store.outbox(delivery.sweepBatch());
    } catch (RuntimeException e) {
      rows = Future.failedFuture(e);
    }
    rows.onComplete(ar -> run(() -> {
      sweeping = false;
      Set<OutboxEntry> justAcknowledged = new HashSet<>(ackedDuringSweep);
      ackedDuringSweep.clear();
      long now = now();
      balancer.expire(now);
      held.values().removeIf(notBefore -> notBefore <= now);
      if (ar.failed()) {
        LOG.log(Level.FINE, "outbox sweep failed", ar.cause());
        return;
      }
      for (OutboxEntry entry : ar.result()) {
        if (!held.containsKey(entry) && !justAcknowledged.contains(entry)) {
          route(entry);
        }
      }
    }));
  }

  // ---- helpers ----

  private Message withServerUrl(Message message) {
    if (message instanceof Execute execute && execute.serverUrl() == null) {
      return new Execute(serverUrl, execute.task());
    }
    return message;
  }

  private static long now() {
    return System.nanoTime() / 1_000_000L;
  }

  private void run(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private <T> Future<T> call(Supplier<T> action) {
    Promise<T> result = Promise.promise();
    run(() -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    return result.future();
  }
}
