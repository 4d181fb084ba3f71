package dev.sustain.server.conformance;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskGetResult;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded stream of plausible requests over every kind the store handles, for the differential and invariant
 * suites. A small id pool makes operations collide; task versions are taken from earlier responses (so holders
 * really pass fences, and sometimes miss by one); time moves forward in small and large steps, with
 * {@code debug.tick} at the current time. A fraction of requests is malformed on purpose, to compare 400s too.
 *
 * <p>Not thread-safe; deterministic for a given seed and sequence of observed responses.
 */
public final class RandomWorkload {
  private static final RequestHead INNER = RequestHead.of("inner", ProtocolVersion.CURRENT);
  /** Roots alive at a time; the oldest is retired now and then so settled ids do not freeze the workload. */
  private static final int ROOT_WINDOW = 4;
  private static final List<String> PIDS = List.of("w1", "w2", "w3");
  private static final List<String> TARGETS = List.of("poll://any@default", "poll://uni@g/w1");
  private static final List<String> ADDRESSES = List.of("poll://uni@g/l1", "poll://uni@g/l2", "http://hook/x");
  private static final List<String> CRONS = List.of("* * * * *", "*/20 * * * * *", "0 * * * *", "not cron");

  private final Random random;
  private final List<String> roots = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private int rootsMinted;
  private final Map<String, Long> versions = new HashMap<>();
  // What the last responses said about task states, to aim holder operations at tasks that can pass the fence.
  private final Map<String, TaskState> taskStates = new TreeMap<>();
  private long now;

  public RandomWorkload(long seed, long start) {
    this.random = new Random(seed);
    this.now = start;
    for (int i = 0; i < ROOT_WINDOW; i++) {
      mintRoot();
    }
  }

  private void mintRoot() {
    String root = "r" + rootsMinted++;
    roots.add(root);
    ids.add(root);
    ids.add(root + ":0");
    ids.add(root + ":1");
  }

  private void retireOldestRoot() {
    String root = roots.remove(0);
    ids.removeIf(id -> id.equals(root) || id.startsWith(root + ":"));
    mintRoot();
  }

  /** The time of the next request. */
  public long now() {
    return now;
  }

  /** Advances the clock (usually a little, sometimes past a retry interval or lease) and returns the next request. */
  public RequestData next() {
    int jump = random.nextInt(100);
    if (jump < 60) {
      now += random.nextInt(200);
    } else if (jump < 99) {
      now += random.nextInt(2_000);
    } else {
      now += 20_000 + random.nextInt(40_000);
    }
    if (chance(15)) {
      retireOldestRoot();
    }
    int roll = random.nextInt(1000);
    if (roll < 110) {
      return promiseCreate();
    } else if (roll < 150) {
      return new PromiseGet(id());
    } else if (roll < 180) {
      return new PromiseSettle(id(), settleState(), value());
    } else if (roll < 240) {
      return new PromiseRegisterCallback(id(), id());
    } else if (roll < 290) {
      return new PromiseRegisterListener(id(), chance(3) ? "not a url" : pick(ADDRESSES));
    } else if (roll < 305) {
      return new PromiseSearch(
          chance(3) ? pick(List.of(PromiseState.values())) : null,
          chance(4) ? Map.of(Tags.BRANCH, pick(roots)) : null,
          chance(2) ? 1 + random.nextInt(6) : null,
          chance(3) ? id() : null);
    } else if (roll < 335) {
      return new TaskGet(id());
    } else if (roll < 400) {
      return new TaskCreate(pick(PIDS), ttl(), Action.of(createData(pick(roots), true, false), INNER));
    } else if (roll < 480) {
      String id = idIn(TaskState.PENDING);
      return new TaskAcquire(id, version(id), pick(PIDS), ttl());
    } else if (roll < 510) {
      String id = idIn(TaskState.ACQUIRED);
      return new TaskRelease(id, version(id));
    } else if (roll < 540) {
      String id = idIn(TaskState.ACQUIRED);
      return new TaskFulfill(id, version(id), Action.of(new PromiseSettle(id, settleState(), value()), INNER));
    } else if (roll < 640) {
      return taskSuspend();
    } else if (roll < 710) {
      return taskFence();
    } else if (roll < 740) {
      return taskHeartbeat();
    } else if (roll < 760) {
      return new TaskHalt(id());
    } else if (roll < 780) {
      return new TaskContinue(idIn(TaskState.HALTED));
    } else if (roll < 795) {
      return new TaskSearch(
          chance(2) ? pick(List.of(TaskState.values())) : null, chance(2) ? 1 + random.nextInt(4) : null,
          chance(3) ? id() : null);
    } else if (roll < 820) {
      return scheduleCreate();
    } else if (roll < 830) {
      return new ScheduleGet(scheduleId());
    } else if (roll < 838) {
      return new ScheduleDelete(scheduleId());
    } else if (roll < 848) {
      return new ScheduleSearch(chance(2) ? Map.of("k", "v") : null, chance(2) ? 1 + random.nextInt(3) : null,
          null);
    } else if (roll < 960) {
      return new DebugTick(now);
    } else if (roll < 993) {
      return new DebugSnap();
    } else if (roll < 999) {
      return new DebugStart();
    } else {
      return new DebugReset();
    }
  }

  /** Learns task versions and states (and that every task is gone after a reset) from a response. */
  public void observe(RequestData request, Response<?> response) {
    if (response.status() == 200) {
      if (request instanceof DebugReset) {
        versions.clear();
        taskStates.clear();
      } else if (request instanceof TaskHalt h) {
        taskStates.put(h.id(), TaskState.HALTED);
      } else if (request instanceof TaskSuspend t) {
        taskStates.put(t.id(), TaskState.SUSPENDED);
      } else if (request instanceof TaskRelease t) {
        taskStates.put(t.id(), TaskState.PENDING);
      } else if (request instanceof TaskContinue t) {
        taskStates.put(t.id(), TaskState.PENDING);
      } else if (request instanceof TaskFulfill t) {
        taskStates.put(t.id(), TaskState.FULFILLED);
      }
    }
    Object data = response.data();
    if (data instanceof TaskGetResult r) {
      learn(r.task());
    } else if (data instanceof TaskCreateResult r && r.task() != null) {
      learn(r.task());
    } else if (data instanceof TaskAcquireResult r) {
      learn(r.task());
    } else if (data instanceof TaskSearchResult r) {
      r.tasks().forEach(this::learn);
    } else if (data instanceof DebugSnapResult r) {
      r.tasks().forEach(this::learn);
      r.messages().forEach(m -> {
        if (m.message() instanceof Execute e) {
          versions.putIfAbsent(e.task().id(), e.task().version());
        }
      });
    }
  }

  private void learn(TaskRecord task) {
    versions.put(task.id(), task.version());
    taskStates.put(task.id(), task.state());
  }

  // ---- request shapes

  private PromiseCreate promiseCreate() {
    String id = id();
    return createData(id, chance(2), true);
  }

  /** A create for {@code id}; children carry their root as branch and parent, like SDK 0.11.5 children. */
  private PromiseCreate createData(String id, boolean targeted, boolean mayDelay) {
    long timeoutAt = now + (chance(12) ? -random.nextInt(2_000) : 1_000 + random.nextInt(120_000));
    Map<String, String> tags = new LinkedHashMap<>();
    int colon = id.indexOf(':');
    String root = colon < 0 ? id : id.substring(0, colon);
    tags.put(Tags.BRANCH, colon < 0 || chance(3) ? root : id);
    if (colon >= 0) {
      tags.put(Tags.PARENT, root);
    }
    if (targeted) {
      tags.put(Tags.TARGET, pick(TARGETS));
    }
    if (chance(6)) {
      tags.put(Tags.TIMER, "true");
    }
    if (mayDelay && targeted && chance(8)) {
      tags.put(Tags.DELAY, Long.toString(now + random.nextInt(15_000)));
    }
    if (chance(40)) {
      tags.put(Tags.TARGET, "ftp://x");
    }
    return new PromiseCreate(id, timeoutAt, chance(3) ? Value.of("eA==") : null, tags);
  }

  private TaskSuspend taskSuspend() {
    String id = idIn(TaskState.ACQUIRED);
    List<Action<PromiseRegisterCallback>> actions = new ArrayList<>();
    int n = chance(25) ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      // Mostly the task's own children, which its fences keep creating, so that all awaited can be pending.
      String awaited = roots.contains(id) && !chance(4) ? id + ":" + random.nextInt(2) : id();
      while (awaited.equals(id) && !chance(20)) {
        awaited = id();
      }
      actions.add(Action.of(new PromiseRegisterCallback(awaited, id), INNER));
    }
    return new TaskSuspend(id, version(id), actions);
  }

  private TaskFence taskFence() {
    String held = idIn(TaskState.ACQUIRED);
    String root = roots.contains(held) ? held : pick(roots);
    String child = root + ":" + random.nextInt(2);
    RequestData action =
        chance(2)
            ? createData(child, chance(3), false)
            : new PromiseSettle(chance(20) ? root : child, settleState(), value());
    return new TaskFence(root, version(root), Action.of(action, INNER));
  }

  private TaskHeartbeat taskHeartbeat() {
    List<TaskRef> refs = new ArrayList<>();
    if (!chance(3)) {
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        String id = id();
        refs.add(new TaskRef(id, version(id)));
      }
    }
    return new TaskHeartbeat(chance(30) ? "" : pick(PIDS), refs);
  }

  private ScheduleCreate scheduleCreate() {
    Map<String, String> tags = new LinkedHashMap<>();
    if (!chance(15)) {
      tags.put(Tags.TARGET, pick(TARGETS));
    }
    if (chance(2)) {
      tags.put("k", "v");
    }
    return new ScheduleCreate(
        scheduleId(), pick(CRONS), "{{.id}}:{{.timestamp}}", 1_000 + random.nextInt(90_000), value(), tags);
  }

  // ---- values

  private String id() {
    return pick(ids);
  }

  /** Mostly an id last seen in {@code state}, so the operation can succeed; otherwise any id. */
  private String idIn(TaskState state) {
    List<String> matching = new ArrayList<>();
    taskStates.forEach((id, s) -> {
      if (s == state && ids.contains(id)) {
        matching.add(id);
      }
    });
    return matching.isEmpty() || chance(5) ? id() : pick(matching);
  }

  private String scheduleId() {
    return "s" + random.nextInt(3);
  }

  /** The last seen version, sometimes off by one so fences and acquires also fail. */
  private long version(String id) {
    long known = versions.getOrDefault(id, 0L);
    int roll = random.nextInt(10);
    if (roll == 0) {
      return known + 1;
    }
    if (roll == 1 && known > 0) {
      return known - 1;
    }
    return known;
  }

  private long ttl() {
    return chance(40) ? 0 : 1_000 + random.nextInt(60_000);
  }

  private SettleState settleState() {
    return pick(List.of(SettleState.values()));
  }

  private Value value() {
    return chance(2) ? Value.EMPTY : new Value(Map.of("h", "1"), "dg==");
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
