package dev.sustain.server.core.debug;

import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugSnapResult.Callback;
import dev.sustain.protocol.message.DebugSnapResult.Listener;
import dev.sustain.protocol.message.DebugSnapResult.OutgoingMessage;
import dev.sustain.protocol.message.DebugSnapResult.PromiseTimeout;
import dev.sustain.protocol.message.DebugSnapResult.TaskTimeout;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.CallbackRow;
import dev.sustain.server.core.state.ExecuteRow;
import dev.sustain.server.core.state.ListenerRow;
import dev.sustain.server.core.state.PromiseRow;
import dev.sustain.server.core.state.Row;
import dev.sustain.server.core.state.Table;
import dev.sustain.server.core.state.TaskRow;
import dev.sustain.server.core.state.UnblockRow;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code debug.snap} (spec §3.20): a read-only dump, every list in key order. Every pending promise is an armed
 * timeout (D3); the execute head carries no {@code serverUrl}; an unblock carries the promise's current record.
 */
public final class DebugSnapTransition implements Transition<DebugSnap> {
  @Override
  public Outcome apply(Step step, DebugSnap data) {
    List<PromiseRecord> promises = new ArrayList<>();
    List<PromiseTimeout> promiseTimeouts = new ArrayList<>();
    for (Row row : step.state().rows(Table.PROMISES)) {
      PromiseRecord p = ((PromiseRow) row).promise();
      promises.add(p);
      if (p.state() == PromiseState.PENDING) {
        promiseTimeouts.add(new PromiseTimeout(p.id(), p.timeoutAt()));
      }
    }
    List<Callback> callbacks = new ArrayList<>();
    for (Row row : step.state().rows(Table.CALLBACKS)) {
      CallbackRow c = (CallbackRow) row;
      if (!c.ready()) {
        callbacks.add(new Callback(c.awaiter(), c.awaited()));
      }
    }
    List<Listener> listeners = new ArrayList<>();
    for (Row row : step.state().rows(Table.LISTENERS)) {
      ListenerRow l = (ListenerRow) row;
      listeners.add(new Listener(l.promiseId(), l.address()));
    }
    List<TaskRecord> tasks = new ArrayList<>();
    List<TaskTimeout> taskTimeouts = new ArrayList<>();
    for (Row row : step.state().rows(Table.TASKS)) {
      TaskRow t = (TaskRow) row;
      tasks.add(step.tasks().record(t));
      if (t.timerAt() != null) {
        int type = t.state() == TaskState.ACQUIRED ? TaskTimeout.LEASE : TaskTimeout.RETRY;
        taskTimeouts.add(new TaskTimeout(t.id(), type, t.timerAt()));
      }
    }
    List<OutgoingMessage> messages = new ArrayList<>();
    for (Row row : step.state().rows(Table.OUTBOX_EXECUTE)) {
      ExecuteRow e = (ExecuteRow) row;
      messages.add(new OutgoingMessage(e.address(), new Execute(null, new TaskRef(e.taskId(), e.version()))));
    }
    for (Row row : step.state().rows(Table.OUTBOX_UNBLOCK)) {
      UnblockRow u = (UnblockRow) row;
      PromiseRecord promise =
          step.state()
              .promise(u.promiseId())
              .orElseThrow(() -> new IllegalStateException("unblock for missing promise " + u.promiseId()));
      messages.add(new OutgoingMessage(u.address(), new Unblock(promise)));
    }
    return Outcome.ok(
        new DebugSnapResult(promises, promiseTimeouts, callbacks, listeners, tasks, taskTimeouts, messages));
  }
}
