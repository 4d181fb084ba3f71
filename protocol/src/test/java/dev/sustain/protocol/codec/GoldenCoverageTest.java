package dev.sustain.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sustain.protocol.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The golden set is complete: every kind has a request, every status of the spec's tables a response. */
class GoldenCoverageTest {
  /** Statuses spec §3.1–§3.20 list per kind; 400 where a kind has value rules, 403 for debug kinds. */
  private static final Map<Kind, Set<Integer>> SPEC_STATUSES = new EnumMap<>(Kind.class);

  static {
    SPEC_STATUSES.put(Kind.PROMISE_GET, Set.of(200, 404));
    SPEC_STATUSES.put(Kind.PROMISE_CREATE, Set.of(200, 400));
    SPEC_STATUSES.put(Kind.PROMISE_SETTLE, Set.of(200, 404));
    SPEC_STATUSES.put(Kind.PROMISE_REGISTER_CALLBACK, Set.of(200, 400, 404, 422));
    SPEC_STATUSES.put(Kind.PROMISE_REGISTER_LISTENER, Set.of(200, 400, 404));
    SPEC_STATUSES.put(Kind.PROMISE_SEARCH, Set.of(200, 400));
    SPEC_STATUSES.put(Kind.TASK_GET, Set.of(200, 404));
    SPEC_STATUSES.put(Kind.TASK_CREATE, Set.of(200, 400, 409, 422));
    SPEC_STATUSES.put(Kind.TASK_ACQUIRE, Set.of(200, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_RELEASE, Set.of(200, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_FULFILL, Set.of(200, 400, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_SUSPEND, Set.of(200, 300, 400, 404, 409, 422));
    SPEC_STATUSES.put(Kind.TASK_FENCE, Set.of(200, 400, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_HEARTBEAT, Set.of(200, 400));
    SPEC_STATUSES.put(Kind.TASK_HALT, Set.of(200, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_CONTINUE, Set.of(200, 404, 409));
    SPEC_STATUSES.put(Kind.TASK_SEARCH, Set.of(200));
    SPEC_STATUSES.put(Kind.SCHEDULE_CREATE, Set.of(200, 400));
    SPEC_STATUSES.put(Kind.SCHEDULE_GET, Set.of(200, 404));
    SPEC_STATUSES.put(Kind.SCHEDULE_DELETE, Set.of(200, 404));
    SPEC_STATUSES.put(Kind.SCHEDULE_SEARCH, Set.of(200));
    SPEC_STATUSES.put(Kind.DEBUG_START, Set.of(200, 403));
    SPEC_STATUSES.put(Kind.DEBUG_STOP, Set.of(200, 403));
    SPEC_STATUSES.put(Kind.DEBUG_RESET, Set.of(200, 403));
    SPEC_STATUSES.put(Kind.DEBUG_TICK, Set.of(200, 400, 403));
    SPEC_STATUSES.put(Kind.DEBUG_SNAP, Set.of(200, 403));
  }

  @Test
  void theStatusTableNamesEveryKind() {
    assertEquals(Set.of(Kind.values()), SPEC_STATUSES.keySet());
  }

  @Test
  void everyKindHasARequestFixture() {
    Set<String> covered = GoldenFixtures.requests().map(GoldenFixtures.Fixture::kind).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (Kind kind : Kind.values()) {
      if (!covered.contains(kind.wire())) {
        missing.add(kind.wire());
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void everySpecStatusHasAResponseFixtureAndNoFixtureHasAnotherStatus() {
    Set<String> expected = new TreeSet<>();
    SPEC_STATUSES.forEach((kind, statuses) -> statuses.forEach(s -> expected.add(kind.wire() + " " + s)));
    Set<String> actual = GoldenFixtures.responses()
        .map(f -> f.kind() + " " + f.status())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, actual);
  }

  @Test
  void bothMessageKindsHaveAFixture() {
    Set<String> kinds = GoldenFixtures.messages().map(GoldenFixtures.Fixture::kind).collect(Collectors.toSet());
    assertEquals(Set.of("execute", "unblock"), kinds);
  }
}
