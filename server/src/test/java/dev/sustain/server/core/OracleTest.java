package dev.sustain.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugStop;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.model.Tags;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the oracle adds around the engine: the post-decode checks of the server and its debug-mode stance. */
class OracleTest {
  private static final long T0 = 1_767_225_600_000L;

  @Test
  void theEngineHandlesEveryKindButTheLoopSwitches() {
    Engine engine = new Engine(EngineConfig.DEFAULTS);
    EnumSet<Kind> handled = EnumSet.noneOf(Kind.class);
    for (Kind k : Kind.values()) {
      if (engine.handles(k)) {
        handled.add(k);
      }
    }
    assertEquals(EnumSet.complementOf(EnumSet.of(Kind.DEBUG_START, Kind.DEBUG_STOP)), handled);
  }

  @Test
  void loopSwitchesAnswerEmptyAndChangeNothing() {
    Oracle oracle = new Oracle();
    assertEquals(Outcome.ok(Empty.INSTANCE), oracle.apply("c", new DebugStart(), T0));
    assertEquals(Outcome.ok(Empty.INSTANCE), oracle.apply("c", new DebugStop(), T0));
    assertEquals(Long.MAX_VALUE, oracle.state().nextDeadline());
  }

  @Test
  void aTickMustRunAtTheRequestTime() {
    Outcome outcome = new Oracle().apply("c", new DebugTick(T0 + 1), T0);
    assertEquals(Outcome.error(400, "resonate:debug_time must equal data.time"), outcome);
  }

  @Test
  void ruleViolationsAnswer400WithTheirDescriptionAndWriteNothing() {
    Oracle oracle = new Oracle();
    Outcome outcome = oracle.apply("c", new PromiseCreate("", T0 + 1, null, null), T0);
    assertEquals(400, outcome.status());
    assertTrue(((ErrorMessage) outcome.data()).message().contains("Promise ID is required"), outcome.toString());
    assertTrue(oracle.state().promise("").isEmpty());
  }

  @Test
  void strictLineageIsPassedToTheRules() {
    PromiseCreate unrelatedParent = new PromiseCreate("child", T0 + 1000, null, Map.of(Tags.PARENT, "zzz"));
    assertEquals(200, new Oracle().apply("c", unrelatedParent, T0).status());
    assertEquals(400, new Oracle(new EngineConfig(30_000, true)).apply("c", unrelatedParent, T0).status());
  }

  @Test
  void eachRequestStartsWithAnEmptyChangeSet() {
    Oracle oracle = new Oracle();
    oracle.apply("c", new PromiseCreate("p", T0 + 1000, null, null), T0);
    assertTrue(oracle.state().changes().isEmpty());
  }
}
