package dev.sustain.server.timers;

import dev.sustain.server.routing.MessageSink;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import dev.sustain.server.store.StoreUnavailableException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the store's background timeout pass ({@link Store#tick}) and hands committed messages to the
 * {@link MessageSink}. Two triggers: a single next-due timer armed for exactly the earliest deadline the store
 * reports, and a periodic safety tick every poll interval (it catches deadlines the store did not report, such
 * as the next one after a tick, and overdue work after a restart).
 *
 * <p>Bounded: at most one tick is in flight; triggers that arrive meanwhile collapse into one follow-up tick.
 * {@code debug.start} {@linkplain #pause() pauses} ticks and delivery, {@code debug.stop} resumes both.
 *
 * <p>Threading: timer state is confined to the context given at construction; {@link StoreListener} callbacks
 * and the control methods may come from any context and hop onto it.
 */
public final class TimerLoop implements StoreListener {
  private static final Logger LOG = Logger.getLogger(TimerLoop.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final Store store;
  private final Clock clock;
  private final MessageSink sink;
  private final long pollInterval;

  /** Read on store contexts by {@link #committed}; written on {@link #context}. */
  private volatile boolean paused;

  /** Lets {@link #nextDeadline} skip the context hop when the armed timer fires earlier anyway. */
  private volatile long armedAt = Long.MAX_VALUE;

  private boolean running;
  private long armedTimer = -1;
  private long periodicTimer = -1;
  private boolean tickInFlight;
  private boolean tickAgain;
  private boolean failing;
  private Promise<Void> stopped;
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();

  /**
   * @param context the event-loop context that owns the timers
   * @param pollInterval ms between safety ticks
   */
  public TimerLoop(Vertx vertx, Context context, Store store, Clock clock, MessageSink sink, long pollInterval) {
    if (pollInterval < 1) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    this.vertx = vertx;
    this.context = context;
    this.store = store;
    this.clock = clock;
    this.sink = sink;
    this.pollInterval = pollInterval;
  }

  /** Starts the safety ticks and runs a first pass at once, to catch up on deadlines that passed while down. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      if (!running && stopped == null) {
        running = true;
        periodicTimer = vertx.setPeriodic(pollInterval, id -> tick());
        tick();
      }
      started.complete();
    });
    return started.future();
  }

  /** Stops all triggers; completes once no tick is in flight, so the store can be closed after it. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      running = false;
      vertx.cancelTimer(periodicTimer);
      disarm();
      if (stopped == null) {
        stopped = Promise.promise();
        if (!tickInFlight) {
          stopped.complete();
        }
      }
      stopped.future().onComplete(done);
    });
    return done.future();
  }

  /**
   * Pauses ticks and message delivery ({@code debug.start}); messages committed meanwhile stay in the outbox.
   * Completes once no pass is in flight, so a test's next request never races a pass at wall-clock time.
   */
  public Future<Void> pause() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      paused = true;
      if (tickInFlight) {
        idleWaiters.add(done);
      } else {
        done.complete();
      }
    });
    return done.future();
  }

  /** Resumes ticks and delivery ({@code debug.stop}) and runs a pass at once for whatever fell due meanwhile. */
  public Future<Void> resume() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      paused = false;
      tick();
      done.complete();
    });
    return done.future();
  }

  @Override
  public void committed(List<OutboxEntry> messages) {
    if (!paused && !messages.isEmpty()) {
      sink.deliver(messages);
    }
  }

  @Override
  public void nextDeadline(long at) {
    if (at == Long.MAX_VALUE || at >= armedAt) {
      return;
    }
    context.runOnContext(v -> arm(at));
  }

  private void arm(long at) {
    if (!running || at >= armedAt) {
      return;
    }
    disarm();
    armedAt = at;
    long delay = Math.max(1, at - clock.now());
    armedTimer = vertx.setTimer(delay, id -> fired(at));
  }

  private void disarm() {
    if (armedTimer != -1) {
      vertx.cancelTimer(armedTimer);
      armedTimer = -1;
    }
    armedAt = Long.MAX_VALUE;
  }

  private void fired(long at) {
    armedTimer = -1;
    armedAt = Long.MAX_VALUE;
    // Vert.x timers run on the monotonic nano clock; the wall clock may lag it by a few ms, and a pass at a
    // `now` before the deadline would find nothing due.
    if (clock.now() < at) {
      arm(at);
    } else {
      tick();
    }
  }

  private void tick() {
    if (!running || paused) {
      return;
    }
    if (tickInFlight) {
      tickAgain = true;
      return;
    }
    tickInFlight = true;
    tickAgain = false;
    Future<Void> pass;
    try {
      pass = store.tick(clock.now());
    } catch (RuntimeException e) {
      pass = Future.failedFuture(e);
    }
    pass.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        ticked(result);
      } else {
        context.runOnContext(v -> ticked(result));
      }
    });
  }

  private void ticked(AsyncResult<Void> result) {
    tickInFlight = false;
    if (!idleWaiters.isEmpty()) {
      List<Promise<Void>> waiting = List.copyOf(idleWaiters);
      idleWaiters.clear();
      waiting.forEach(Promise::complete);
    }
    if (result.failed()) {
      // One line when passes start failing and one when they recover, not one per safety tick.
      if (!failing) {
        failing = true;
        Throwable cause = result.cause();
        Level level = cause instanceof StoreUnavailableException ? Level.WARNING : Level.SEVERE;
        LOG.log(level, "Timeout pass failed, retrying every " + pollInterval + " ms: " + cause);
      }
    } else if (failing) {
      failing = false;
      LOG.info("Timeout pass succeeded again");
    }
    if (!running) {
      if (stopped != null) {
        stopped.tryComplete();
      }
    } else if (tickAgain) {
      tick();
    }
  }
}
