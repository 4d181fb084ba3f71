package dev.sustain.server.store.postgres;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * Random protocol requests over a small id space, so that requests collide on the same promises and tasks often:
 * the workload of the differential test. Versions are guessed from a small range, so fences both pass and fail.
 */
final class PgRandomRequests {
  private static final RequestHead INNER = RequestHead.of("inner", ProtocolVersion.CURRENT);
  private static final String TARGET = "poll://any@default";

  private final Random random;
  private final int ids;
  private final ToLongFunction<String> versions;
  private String lastId;
  private int base;

  /** {@code versions} gives a task's current version (or -1), so most task requests present a valid one. */
  PgRandomRequests(long seed, int ids, ToLongFunction<String> versions) {
    this.random = new Random(seed);
    this.ids = ids;
    this.versions = versions;
  }

  RequestData next(long now) {
    return switch (random.nextInt(20)) {
      case 0, 1, 2 -> create(id(), now);
      case 3, 4 -> new PromiseSettle(id(), settleState(), Value.of("v" + random.nextInt(3)));
      case 5 -> new PromiseGet(id());
      case 6 -> new PromiseRegisterCallback(id(), id());
      case 7 -> new PromiseRegisterListener(id(), "poll://uni@g/" + random.nextInt(2));
      case 8, 9 -> new TaskAcquire(id(), version(), pid(), 5_000 + random.nextInt(60_000));
      case 10 -> new TaskRelease(id(), version());
      case 11 -> {
        String id = id();
        yield new TaskFulfill(
            id, version(), Action.of(new PromiseSettle(id, settleState(), Value.of("f")), INNER));
      }
      case 12 -> {
        String id = id();
        yield new TaskSuspend(
            id, version(),
            List.of(Action.of(new PromiseRegisterCallback(id(), id), INNER),
                Action.of(new PromiseRegisterCallback(id(), id), INNER)));
      }
      case 13 -> new TaskCreate(pid(), 10_000 + random.nextInt(50_000), Action.of(create(id(), now), INNER));
      case 14 -> {
        String id = id();
        long version = version();
        RequestData action =
            random.nextBoolean()
                ? create(id(), now)
                : new PromiseSettle(id(), settleState(), Value.of("fenced"));
        yield new TaskFence(id, version, Action.of(action, INNER));
      }
      case 15 -> new TaskHeartbeat(pid(), List.of(new TaskRef(id(), version()), new TaskRef(id(), version())));
      case 16 -> random.nextBoolean() ? new TaskHalt(id()) : new TaskContinue(id());
      case 17 -> random.nextBoolean() ? new TaskGet(id()) : new TaskSearch(taskState(), 3, null);
      case 18 ->
          random.nextInt(3) == 0
              ? new PromiseSearch(null, Map.of(Tags.BRANCH, "b0"), 2, random.nextBoolean() ? null : id())
              : new PromiseSearch(promiseState(), null, 1 + random.nextInt(4), null);
      default ->
          random.nextInt(4) == 0
              ? new ScheduleDelete("s" + random.nextInt(2))
              : random.nextInt(3) == 0
                  ? new ScheduleCreate("s" + random.nextInt(2), "* * * * *", "{{.id}}.{{.timestamp}}", 120_000,
                      Value.EMPTY, Map.of(Tags.TARGET, TARGET))
                  : new DebugTick(now);
    };
  }

  private PromiseCreate create(String id, long now) {
    Map<String, String> tags = new HashMap<>();
    if (random.nextInt(3) > 0) {
      tags.put(Tags.TARGET, TARGET);
    }
    if (random.nextBoolean()) {
      tags.put(Tags.BRANCH, "b0");
    }
    if (random.nextInt(6) == 0) {
      tags.put(Tags.TIMER, "true");
    }
    long timeoutAt = random.nextInt(8) == 0 ? now - 1 : now + 1_000 + random.nextInt(120_000);
    return new PromiseCreate(id, timeoutAt, Value.of("p"), tags);
  }

  private String id() {
    lastId = "p" + (base + random.nextInt(ids));
    return lastId;
  }

  private String pid() {
    return "w" + random.nextInt(3);
  }

  /** Usually the current version of the task last named, else a guess. */
  private long version() {
    long current = lastId == null ? -1 : versions.applyAsLong(lastId);
    return current >= 0 && random.nextInt(4) > 0 ? current : random.nextInt(3);
  }

  private SettleState settleState() {
    return SettleState.values()[random.nextInt(SettleState.values().length)];
  }

  private PromiseState promiseState() {
    return random.nextBoolean() ? null : PromiseState.values()[random.nextInt(PromiseState.values().length)];
  }

  private TaskState taskState() {
    return random.nextBoolean() ? null : TaskState.values()[random.nextInt(TaskState.values().length)];
  }

  /** Slides the id window by one, so fresh (pending) promises keep appearing as old ones settle. */
  void shift() {
    base++;
  }

  /** The time step between waves: usually small, sometimes past leases, retries and timeouts. */
  long advance() {
    return random.nextInt(5) == 0 ? 20_000 + random.nextInt(100_000) : random.nextInt(3_000);
  }
}
