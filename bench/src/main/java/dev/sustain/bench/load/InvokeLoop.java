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
final class InvokeLoop extends RoundTripLoop {
  private final Shard shard;
  private final SustainClient caller;
  private final String callerAddress;
  private final Map<String, String> tags;

  InvokeLoop(Shard shard, SustainClient caller, String callerAddress, String target, Dispatches dispatches,
      RunControl run, Pacer pacer, Metrics metrics) {
    super(shard, dispatches, run, pacer, metrics.op("invoke"), "no result within the round-trip timeout");
    this.shard = shard;
    this.caller = caller;
    this.callerAddress = callerAddress;
    this.tags = Map.of("resonate:target", target);
  }

  @Override
  void iterate() {
    String id = shard.templates().id(shard.nextId());
    Dispatches.Pending p = open(id, false);
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
          roundTrip.error(ar.cause().toString());
          abandon(p);
        });
  }
}
