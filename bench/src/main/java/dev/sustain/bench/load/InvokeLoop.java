package dev.sustain.bench.load;

import dev.sustain.client.SustainClient;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.model.PromiseState;
import java.util.Map;

/**
 * An invocation through the Java protocol client, as the SDK's {@code rpc} does it: create a promise targeted at
 * the worker group, register a listener on it with the caller's unicast address, and wait for the result — from
 * the registration's answer if the promise already settled, else from the {@code unblock} the caller receives
 * ({@link Dispatches#finish(String)}). Confined to its shard's event loop, where its client answers.
 */
final class InvokeLoop extends Loop {
  private final Shard shard;
  private final SustainClient caller;
  private final String callerAddress;
  private final Map<String, String> tags;
  private final Dispatches dispatches;
  private final RunControl run;
  private final OpMetric invoke;
  private Dispatches.Pending waiting;

  InvokeLoop(Shard shard, SustainClient caller, String callerAddress, String target, Dispatches dispatches,
      RunControl run, Pacer pacer, Metrics metrics) {
    super(run, pacer);
    this.shard = shard;
    this.caller = caller;
    this.callerAddress = callerAddress;
    this.tags = Map.of("resonate:target", target);
    this.dispatches = dispatches;
    this.run = run;
    this.invoke = metrics.op("invoke");
  }

  @Override
  void iterate() {
    String id = shard.templates().id(shard.nextId());
    Dispatches.Pending p = dispatches.open(id, false, shard.context(), this::finished);
    waiting = p;
    caller.promiseCreate(new PromiseCreate(id, shard.templates().timeoutAt(), Templates.PARAM, tags))
        .compose(created -> {
          dispatches.answered(p);
          return caller.promiseRegisterListener(new PromiseRegisterListener(id, callerAddress));
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            if (ar.result().promise().state() != PromiseState.PENDING) {
              dispatches.finish(p);
            }
            return;
          }
          invoke.error(ar.cause().toString());
          if (dispatches.abandon(p)) {
            waiting = null;
            next();
          }
        });
  }

  private void finished() {
    invoke.recordSince(waiting.startedAt);
    waiting = null;
    next();
  }

  @Override
  void sweep(long now) {
    Dispatches.Pending p = waiting;
    if (p != null && now - p.startedAt > run.roundTripTimeoutNanos() && dispatches.abandon(p)) {
      invoke.error("no result within the round-trip timeout");
      waiting = null;
      next();
    }
  }
}
