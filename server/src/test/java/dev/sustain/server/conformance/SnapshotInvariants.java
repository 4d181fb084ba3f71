package dev.sustain.server.conformance;

import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugSnapResult.Callback;
import dev.sustain.protocol.message.DebugSnapResult.Listener;
import dev.sustain.protocol.message.DebugSnapResult.OutgoingMessage;
import dev.sustain.protocol.message.DebugSnapResult.PromiseTimeout;
import dev.sustain.protocol.message.DebugSnapResult.TaskTimeout;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of spec §4.8 (1–7) plus the [J] arming rule D3, checked on {@code debug.snap} results. Each
 * method returns the violations found, as sentences naming the rows, so a failing walk says what broke.
 */
public final class SnapshotInvariants {
  private SnapshotInvariants() {}

  /** Invariants that hold in every snapshot. */
  public static List<String> check(DebugSnapResult snap) {
    List<String> out = new ArrayList<>();
    Map<String, PromiseRecord> promises = new HashMap<>();
    snap.promises().forEach(p -> promises.put(p.id(), p));
    Map<String, TaskRecord> tasks = new HashMap<>();
    snap.tasks().forEach(t -> tasks.put(t.id(), t));
    Map<String, TaskTimeout> timers = new HashMap<>();
    for (TaskTimeout t : snap.taskTimeouts()) {
      if (timers.put(t.id(), t) != null) {
        out.add("task " + t.id() + " has two timers");
      }
    }

    for (PromiseRecord p : snap.promises()) {
      boolean targeted = p.tag(Tags.TARGET) != null;
      TaskRecord task = tasks.get(p.id());
      if (targeted != (task != null)) {
        out.add("(1) promise " + p.id() + (targeted ? " is targeted but has no task" : " has a task but no target"));
      }
      if (p.state().isSettled() && task != null && task.state() != TaskState.FULFILLED) {
        out.add("(2) promise " + p.id() + " is " + p.state() + " but its task is " + task.state());
      }
      if (p.state().isSettled() != (p.settledAt() != null)) {
        out.add("promise " + p.id() + " is " + p.state() + " with settledAt " + p.settledAt());
      }
    }
    for (TaskRecord t : snap.tasks()) {
      PromiseRecord p = promises.get(t.id());
      if (p == null) {
        out.add("task " + t.id() + " has no promise");
        continue;
      }
      if (t.state() == TaskState.FULFILLED && !p.state().isSettled()) {
        out.add("(2) task " + t.id() + " is fulfilled but its promise is pending");
      }
      TaskTimeout timer = timers.get(t.id());
      boolean timed = t.state() == TaskState.PENDING || t.state() == TaskState.ACQUIRED;
      if (timed != (timer != null)) {
        out.add("(3) task " + t.id() + " is " + t.state() + (timed ? " without a timer" : " with a timer"));
      } else if (timer != null) {
        int expected = t.state() == TaskState.ACQUIRED ? TaskTimeout.LEASE : TaskTimeout.RETRY;
        if (timer.type() != expected) {
          out.add("(3) task " + t.id() + " is " + t.state() + " with a timer of type " + timer.type());
        }
      }
      boolean acquired = t.state() == TaskState.ACQUIRED;
      if (acquired != (t.pid() != null) || acquired != (t.ttl() != null)) {
        out.add("(4) task " + t.id() + " is " + t.state() + " with pid " + t.pid() + " and ttl " + t.ttl());
      }
    }

    Set<String> armed = new HashSet<>();
    for (PromiseTimeout pt : snap.promiseTimeouts()) {
      armed.add(pt.id());
      PromiseRecord p = promises.get(pt.id());
      if (p == null || p.state() != PromiseState.PENDING) {
        out.add("(5) promise " + pt.id() + " has an armed timeout but is not pending");
      } else if (p.timeoutAt() != pt.timeout()) {
        out.add("promise " + pt.id() + " is armed at " + pt.timeout() + " but times out at " + p.timeoutAt());
      }
    }
    for (PromiseRecord p : snap.promises()) {
      if (p.state() == PromiseState.PENDING && !armed.contains(p.id())) {
        out.add("(D3) pending promise " + p.id() + " is not armed");
      }
    }
    for (Listener l : snap.listeners()) {
      PromiseRecord p = promises.get(l.id());
      if (p == null || p.state().isSettled()) {
        out.add("(5) listener " + l.address() + " on " + l.id() + " which is missing or settled");
      }
    }
    for (Callback c : snap.callbacks()) {
      PromiseRecord awaited = promises.get(c.awaited());
      if (awaited == null || awaited.state().isSettled()) {
        out.add("(5) unfired callback of " + c.awaiter() + " on " + c.awaited() + " which is missing or settled");
      }
      TaskRecord awaiter = tasks.get(c.awaiter());
      if (awaiter == null || awaiter.state() == TaskState.FULFILLED) {
        out.add("callback on " + c.awaited() + " by " + c.awaiter() + " whose task is missing or fulfilled");
      }
    }

    Set<String> executed = new HashSet<>();
    for (OutgoingMessage m : snap.messages()) {
      if (m.message() instanceof Execute e) {
        if (!executed.add(e.task().id())) {
          out.add("(6) two executes queued for " + e.task().id());
        }
        TaskRecord t = tasks.get(e.task().id());
        if (t == null || e.task().version() > t.version()) {
          out.add("(6) execute " + e.task() + " ahead of its task " + t);
        }
        if (e.serverUrl() != null) {
          out.add("execute " + e.task() + " shows a serverUrl in the snapshot");
        }
      } else if (m.message() instanceof Unblock u && !u.promise().state().isSettled()) {
        out.add("unblock of " + u.promise().id() + " queued while it is pending");
      }
    }
    return out;
  }

  /** (7): between two snapshots without a reset in between, no task's version decreases. */
  public static List<String> checkStep(DebugSnapResult before, DebugSnapResult after) {
    List<String> out = new ArrayList<>();
    Map<String, Long> old = new HashMap<>();
    before.tasks().forEach(t -> old.put(t.id(), t.version()));
    for (TaskRecord t : after.tasks()) {
      Long was = old.get(t.id());
      if (was != null && t.version() < was) {
        out.add("(7) task " + t.id() + " went from version " + was + " to " + t.version());
      }
      if (was != null && t.version() > was + 1) {
        out.add("(7) task " + t.id() + " jumped from version " + was + " to " + t.version() + " in one request");
      }
    }
    return out;
  }
}
