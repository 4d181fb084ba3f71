package dev.sustain.bench.load;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;
import java.util.Map;

/**
 * One shard's encoded requests. Ids are {@code prefix + 12 digits}, the prefix unique per run and shard, so
 * runs never collide with each other or with earlier data in the same database. Immutable.
 *
 * @param prefix every id of this shard starts with it
 * @param timeoutAt the promises' deadline: an hour after the run started, far beyond its end
 * @param create {@code promise.create} of an untargeted promise
 * @param settle {@code promise.settle} (resolve) of the same id
 * @param taskCreate {@code promise.create} targeted at the run's worker group
 */
record Templates(String prefix, long timeoutAt, RequestTemplate create, RequestTemplate settle,
    RequestTemplate taskCreate) {
  /** Base64 of {@code {"args":[1,2]}}: a small realistic argument. */
  static final Value PARAM = Value.of("eyJhcmdzIjpbMSwyXX0=");
  /** Base64 of {@code {"result":3}}. */
  static final Value RESULT = Value.of("eyJyZXN1bHQiOjN9");

  static Templates of(ProtocolCodec codec, String prefix, long timeoutAt, String target) {
    RequestTemplate create = RequestTemplate.of(codec, (id, corr) -> new Request<>(head(corr),
        new PromiseCreate(prefix + id, timeoutAt, PARAM, Map.of())));
    RequestTemplate settle = RequestTemplate.of(codec, (id, corr) -> new Request<>(head(corr),
        new PromiseSettle(prefix + id, SettleState.RESOLVED, RESULT)));
    RequestTemplate taskCreate = RequestTemplate.of(codec, (id, corr) -> new Request<>(head(corr),
        new PromiseCreate(prefix + id, timeoutAt, PARAM, Map.of("resonate:target", target))));
    return new Templates(prefix, timeoutAt, create, settle, taskCreate);
  }

  /** The id a template renders for {@code n}. */
  String id(long n) {
    return prefix + RequestTemplate.digits(n);
  }

  private static RequestHead head(String corrId) {
    return RequestHead.of(corrId, ProtocolVersion.CURRENT);
  }
}
