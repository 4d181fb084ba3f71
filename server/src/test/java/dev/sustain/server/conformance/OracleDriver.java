package dev.sustain.server.conformance;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Oracle;
import dev.sustain.server.core.Outcome;

/** Drives a fresh {@link Oracle} (the in-memory reference model) in-process. */
public final class OracleDriver implements ProtocolDriver {
  private final EngineConfig config;
  private Oracle oracle;
  private long corrIds;

  public OracleDriver(EngineConfig config) {
    this.config = config;
    this.oracle = new Oracle(config);
  }

  public OracleDriver() {
    this(EngineConfig.DEFAULTS);
  }

  @Override
  public Response<?> send(RequestData data, long now) {
    String corrId = "c" + (++corrIds);
    Outcome outcome = oracle.apply(corrId, data, now);
    return Response.of(data.kind().wire(), corrId, outcome.status(), outcome.data());
  }

  @Override
  public void reset() {
    oracle = new Oracle(config);
  }

  /** The oracle currently driven. */
  public Oracle oracle() {
    return oracle;
  }
}
