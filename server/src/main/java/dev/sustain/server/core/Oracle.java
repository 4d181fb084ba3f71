package dev.sustain.server.core;

import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.validate.RequestRules;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.protocol.validate.Violation;
import dev.sustain.server.core.state.MemoryState;
import java.util.List;

/**
 * The reference model every store is compared with: the server's request checks that follow decoding (the
 * {@code debug_time} check of {@code debug.tick}, then {@link RequestRules}, answered with 400 and the rules'
 * description), then the {@link Engine} on a {@link MemoryState}. It stands for a server in debug mode whose
 * every request carries {@code resonate:debug_time = now}; {@code debug.start}/{@code debug.stop} answer
 * {@code {}} because it has no loops to pause.
 *
 * <p>Not thread-safe: confined to one thread.
 */
public final class Oracle {
  private final Engine engine;
  private final RuleOptions rules;
  private final MemoryState state = new MemoryState();

  public Oracle(EngineConfig config) {
    this.engine = new Engine(config);
    this.rules = new RuleOptions(config.strictLineage());
  }

  public Oracle() {
    this(EngineConfig.DEFAULTS);
  }

  /** Checks and applies one decoded request at {@code now}. */
  public Outcome apply(String corrId, RequestData data, long now) {
    if (data instanceof DebugTick tick && tick.time() != now) {
      return Outcome.error(400, "resonate:debug_time must equal data.time");
    }
    List<Violation> violations = RequestRules.check(data, rules);
    if (!violations.isEmpty()) {
      return Outcome.error(400, RequestRules.describe(violations));
    }
    if (!engine.handles(data.kind())) {
      return Outcome.ok(Empty.INSTANCE);
    }
    Outcome outcome = engine.apply(state, corrId, data, now);
    state.changes().clear();
    return outcome;
  }

  /** One background timeout pass at {@code now}, as the server's timer loop runs it. */
  public void tick(long now) {
    engine.tick(state, now);
    state.changes().clear();
  }

  /** The model's tables, for assertions. */
  public MemoryState state() {
    return state;
  }
}
