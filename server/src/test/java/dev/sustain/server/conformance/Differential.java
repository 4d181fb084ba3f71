package dev.sustain.server.conformance;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.envelope.ResponseHead;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ResponseData;
import dev.sustain.protocol.message.TaskFenceResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The differential test (STYLE §2.7 L2b): one seeded {@link RandomWorkload} sent to two implementations,
 * asserting identical responses at every step and identical {@code debug.snap} at checkpoints, until every kind
 * the store handles has produced a 2xx at least once (bounded by a step budget). A mismatch fails with the seed,
 * the step and both answers, so the run can be replayed.
 *
 * <p>{@code debug.stop} is never sent: it would resume background loops and make time non-deterministic.
 */
public final class Differential {

  /** What a run covered. */
  public record Report(long seed, int steps, Set<Kind> succeeded) {}

  /** Kinds a run must see succeed. */
  public static final Set<Kind> REQUIRED = EnumSet.complementOf(EnumSet.of(Kind.DEBUG_STOP));

  private final long seed;
  private final int maxSteps;
  private final int checkpointEvery;

  /**
   * @param maxSteps the step budget; the run fails if some kind has not succeeded by then
   * @param checkpointEvery compare {@code debug.snap} of both sides every this many steps (and at the end)
   */
  public Differential(long seed, int maxSteps, int checkpointEvery) {
    this.seed = seed;
    this.maxSteps = maxSteps;
    this.checkpointEvery = checkpointEvery;
  }

  /** Runs the workload against {@code left} and {@code right}, both reset first. */
  public Report run(ProtocolDriver left, ProtocolDriver right) {
    left.reset();
    right.reset();
    RandomWorkload workload = new RandomWorkload(seed, ConformanceSupport.T0);
    Set<Kind> succeeded = EnumSet.noneOf(Kind.class);
    int step = 0;
    while (step < maxSteps && !succeeded.containsAll(REQUIRED)) {
      step++;
      RequestData request = workload.next();
      long now = workload.now();
      Response<?> a = left.send(request, now);
      Response<?> b = right.send(request, now);
      compare(step, request, a, b);
      workload.observe(request, a);
      if (a.status() / 100 == 2) {
        succeeded.add(request.kind());
      }
      if (step % checkpointEvery == 0) {
        checkpoint(step, now, left, right);
      }
    }
    checkpoint(step, workload.now(), left, right);
    if (!succeeded.containsAll(REQUIRED)) {
      Set<Kind> missing = EnumSet.copyOf(REQUIRED);
      missing.removeAll(succeeded);
      throw new AssertionError(
          "seed " + seed + ": after " + step + " steps these kinds never succeeded: " + missing);
    }
    return new Report(seed, step, succeeded);
  }

  private void checkpoint(int step, long now, ProtocolDriver left, ProtocolDriver right) {
    DebugSnap snap = new DebugSnap();
    compare(step, snap, left.send(snap, now), right.send(snap, now));
  }

  private void compare(int step, RequestData request, Response<?> a, Response<?> b) {
    if (!Objects.equals(comparable(a), comparable(b))) {
      throw new AssertionError(
          "seed "
              + seed
              + ", step "
              + step
              + ": the implementations disagree on "
              + request
              + "\n  left:  "
              + a
              + "\n  right: "
              + b);
    }
  }

  /**
   * The part of a response both sides must agree on: kind, status and data. {@code corrId}s are the drivers'
   * own, including the one a fenced action echoes, so they are blanked.
   */
  private static Object comparable(Response<?> response) {
    ResponseData data = response.data();
    if (data instanceof TaskFenceResult fence) {
      Response<?> inner = fence.action();
      ResponseHead head = new ResponseHead("", inner.head().status(), inner.head().version());
      data = new TaskFenceResult(new Response<>(inner.kind(), head, inner.data()), fence.preload());
    }
    return List.of(response.kind(), response.status(), response.head().version(), data);
  }
}
