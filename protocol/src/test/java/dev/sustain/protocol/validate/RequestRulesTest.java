package dev.sustain.protocol.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.message.DebugSnap;
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
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleSearch;
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
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRulesTest {
  private static final long TIMEOUT = 1_796_104_640_818L;
  private static final String TARGET = "poll://any@default";
  private static final RequestHead HEAD = RequestHead.of("c", "2026-04-01");

  /** The violations as the server's 400 text, {@code ""} when valid. */
  private static String lax(RequestData data) {
    return RequestRules.describe(RequestRules.check(data, RuleOptions.DEFAULT));
  }

  private static String strict(RequestData data) {
    return RequestRules.describe(RequestRules.check(data, RuleOptions.STRICT));
  }

  private static Map<String, String> tags(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Lineage tags as SDK 0.11.5 sets them. */
  private static Map<String, String> lineage(String origin, String branch, String parent, String... more) {
    Map<String, String> m = tags(more);
    m.put("resonate:origin", origin);
    m.put("resonate:branch", branch);
    m.put("resonate:parent", parent);
    return m;
  }

  private static PromiseCreate create(String id, Map<String, String> tags) {
    return new PromiseCreate(id, TIMEOUT, Value.EMPTY, tags);
  }

  private static TaskSuspend suspend(String id, PromiseRegisterCallback... callbacks) {
    return new TaskSuspend(id, 1,
        java.util.Arrays.stream(callbacks).map(c -> Action.of(c, HEAD)).toList());
  }

  // ---- spec §2.4

  @Test
  void v1AndV2AreReportedTogetherAndStopTheRest() {
    PromiseCreate bad = new PromiseCreate("", -1, Value.EMPTY, tags("resonate:target", "nope"));
    assertEquals("data.id: Promise ID is required; data.timeoutAt: TimeoutAt must be a non-negative integer", lax(bad));
    assertEquals(List.of(new Violation("data.id", "Promise ID is required"),
        new Violation("data.timeoutAt", "TimeoutAt must be a non-negative integer")),
        RequestRules.check(bad, RuleOptions.DEFAULT));
    assertEquals("data.timeoutAt: TimeoutAt must be a non-negative integer",
        lax(new PromiseCreate("p", -1, Value.EMPTY, Map.of())));
    assertEquals("", lax(new PromiseCreate("p", 0, Value.EMPTY, Map.of())));
  }

  @Test
  void v3RejectsNulBytes() {
    assertEquals("data.id: Promise ID must not contain null bytes", lax(create("a\0b", Map.of())));
  }

  @Test
  void v9ToV11CheckTheDelayTag() {
    assertEquals("data.tags.resonate:delay: resonate:delay must be a non-negative integer",
        lax(create("p", tags("resonate:delay", "soon", "resonate:target", TARGET))));
    assertEquals("data.tags.resonate:delay: resonate:delay must be a non-negative integer",
        lax(create("p", tags("resonate:delay", "-5", "resonate:target", TARGET))));
    assertEquals("data.tags.resonate:delay: resonate:delay must be a non-negative integer",
        lax(create("p", tags("resonate:delay", "99999999999999999999", "resonate:target", TARGET))));
    assertEquals("data.tags.resonate:delay: resonate:delay must be less than timeoutAt",
        lax(create("p", tags("resonate:delay", String.valueOf(TIMEOUT), "resonate:target", TARGET))));
    assertEquals("data.tags.resonate:delay: resonate:delay requires a resonate:target tag",
        lax(create("p", tags("resonate:delay", "5"))));
    assertEquals("", lax(create("p", tags("resonate:delay", "5", "resonate:target", TARGET))));
  }

  @Test
  void onlyTheFirstOfV3ToV11IsReportedAndV12ComesLast() {
    assertEquals("data.id: Promise ID must not contain null bytes",
        lax(create("a\0", tags("resonate:delay", "x", "resonate:target", "bad"))));
    assertEquals("data.tags.resonate:delay: resonate:delay requires a resonate:target tag",
        lax(create("p", tags("resonate:delay", "5", "resonate:origin", "x:y"))));
    assertEquals("data.tags.resonate:delay: resonate:delay must be a non-negative integer",
        lax(create("p", tags("resonate:delay", "x", "resonate:target", "bad"))));
  }

  @Test
  void v12RejectsAnInvalidTarget() {
    assertEquals("data.tags.resonate:target: Invalid resonate:target address",
        lax(create("p", tags("resonate:target", "default"))));
    assertEquals("data.tags.resonate:target: Invalid resonate:target address",
        lax(create("p", tags("resonate:target", "gcps://project/topic"))));
    assertEquals("", lax(create("p", tags("resonate:target", "http://fn.example.com/run"))));
    assertEquals("", lax(create("p", tags("resonate:target", "poll://any@my_group/pid"))));
  }

  @Test
  void sdkLineageIdsPassWithLineageRulesOffAndOn() {
    PromiseCreate root = create("root", lineage("root", "root", "root", "resonate:target", TARGET));
    PromiseCreate localChild = create("root:0", lineage("root", "root", "root", "resonate:scope", "local"));
    PromiseCreate remoteChild = create("root:1", lineage("root", "root:1", "root", "resonate:target", TARGET));
    PromiseCreate grandChild = create("root:1.2", lineage("root", "root:1", "root:1"));
    PromiseCreate deep = create("root:1.2.3", lineage("root", "root:1.2", "root:1.2"));
    PromiseCreate detached = create("root:d3f1a2b4c5d6e7", lineage("root", "root:d3f1a2b4c5d6e7", "root"));
    PromiseCreate dottedRoot = create("my.app.wf", lineage("my.app.wf", "my.app.wf", "my.app.wf"));
    PromiseCreate dottedChild = create("my.app.wf:0", lineage("my.app.wf", "my.app.wf", "my.app.wf"));
    PromiseCreate explicitId = create("payment-42", lineage("payment-42", "payment-42", "payment-42"));
    PromiseCreate scheduled = create("sched-1796018246000", lineage("sched-1796018246000",
        "sched-1796018246000", "sched-1796018246000"));
    for (PromiseCreate p : List.of(root, localChild, remoteChild, grandChild, deep, detached, dottedRoot, dottedChild,
        explicitId, scheduled)) {
      assertEquals("", lax(p), p.id());
      assertEquals("", strict(p), p.id());
    }
  }

  @Test
  void strictLineageRejectsIdsOutsideTheirTags() {
    assertEquals("data.tags.resonate:origin: resonate:origin must not contain ':'",
        strict(create("root:1:2", lineage("root:1", "root:1", "root:1"))));
    assertEquals("data.tags.resonate:origin: Promise ID must be prefixed by resonate:origin",
        strict(create("other:0", lineage("root", "root", "root"))));
    assertEquals("data.tags.resonate:origin: Promise ID must be prefixed by resonate:origin",
        strict(create("root0", lineage("root", "root", "root"))));
    assertEquals("data.tags.resonate:origin: Promise ID must be prefixed by resonate:origin",
        strict(create("root.0", lineage("root", "root", "root"))));
    assertEquals("data.tags.resonate:branch: Promise ID must be prefixed by resonate:branch",
        strict(create("root:1.2", lineage("root", "root:2", "root:1"))));
    assertEquals("data.tags.resonate:parent: Promise ID must be prefixed by resonate:parent",
        strict(create("root:10", lineage("root", "root", "root:1"))));
    assertEquals("data.tags.resonate:parent: Promise ID must be prefixed by resonate:parent",
        strict(create("root:1:2", tags("resonate:parent", "root:1"))));
    assertEquals("data.tags.resonate:prefix: resonate:prefix must not contain ':'",
        strict(create("p", tags("resonate:prefix", "a:b"))));
    assertEquals("", strict(create("p", tags("resonate:prefix", "a.b"))));
    for (PromiseCreate p : List.of(create("other:0", lineage("root", "root", "root")),
        create("root:10", lineage("root", "root", "root:1")), create("p", tags("resonate:prefix", "a:b")))) {
      assertEquals("", lax(p), p.id());
    }
  }

  @Test
  void strictLineageStillChecksNulBytesFirstAndDelayAfter() {
    assertEquals("data.id: Promise ID must not contain null bytes",
        strict(create("x\0", lineage("root", "root", "root"))));
    assertEquals("data.tags.resonate:delay: resonate:delay requires a resonate:target tag",
        strict(create("root:0", lineage("root", "root", "root", "resonate:delay", "5"))));
  }

  // ---- promise kinds

  @Test
  void promiseGetAndSettleNeedAnId() {
    assertEquals("data.id: Promise ID is required", lax(new PromiseGet("")));
    assertEquals("data.id: Promise ID is required", lax(new PromiseSettle("", SettleState.RESOLVED, Value.EMPTY)));
    assertEquals("", lax(new PromiseSettle("p", SettleState.REJECTED_CANCELED, Value.EMPTY)));
  }

  @Test
  void registerCallbackNeedsTwoDifferentPromises() {
    assertEquals("data.awaited: Awaited promise ID is required; data.awaiter: Awaiter promise ID is required",
        lax(new PromiseRegisterCallback("", "")));
    assertEquals("data.awaiter: Awaited and awaiter must be different promises",
        lax(new PromiseRegisterCallback("wf", "wf")));
    assertEquals("", lax(new PromiseRegisterCallback("other:1", "wf")));
    assertEquals("data.awaiter: Awaiter and awaited must belong to the same origin",
        strict(new PromiseRegisterCallback("other:1", "wf")));
    assertEquals("", strict(new PromiseRegisterCallback("wf:2", "wf")));
    assertEquals("", strict(new PromiseRegisterCallback("my.app.wf:2.1", "my.app.wf:2")));
  }

  @Test
  void registerListenerNeedsAValidAddress() {
    assertEquals("data.awaited: Awaited promise ID is required; data.address: Address is required",
        lax(new PromiseRegisterListener("", "")));
    assertEquals("data.address: Invalid listener address", lax(new PromiseRegisterListener("p", "bash://")));
    assertEquals("", lax(new PromiseRegisterListener("p", "poll://uni@capc/client1")));
  }

  @Test
  void searchLimitsAreBetween1And1000() {
    assertEquals("data.limit: Limit must be a positive integer", lax(new PromiseSearch(null, null, 0, null)));
    assertEquals("data.limit: Invalid 'limit' — must be between 1 and 1000",
        lax(new PromiseSearch(null, null, 1001, null)));
    assertEquals("data.limit: Limit must be a positive integer", lax(new TaskSearch(null, -1, null)));
    assertEquals("data.limit: Invalid 'limit' — must be between 1 and 1000",
        lax(new ScheduleSearch(null, Integer.MAX_VALUE, null)));
    assertEquals("", lax(new PromiseSearch(null, null, 1, null)));
    assertEquals("", lax(new TaskSearch(null, 1000, null)));
    assertEquals("", lax(new ScheduleSearch(null, null, null)));
  }

  // ---- task kinds

  @Test
  void taskIdKindsNeedAnId() {
    assertEquals("data.id: Task ID is required", lax(new TaskGet("")));
    assertEquals("data.id: Task ID is required", lax(new TaskHalt("")));
    assertEquals("data.id: Task ID is required", lax(new TaskContinue("")));
    assertEquals("", lax(new TaskContinue("t")));
  }

  @Test
  void taskAcquireReportsEveryFieldRule() {
    assertEquals("data.id: Task ID is required; data.version: Version must be a non-negative integer; "
        + "data.pid: Process ID is required; data.ttl: TTL must be a positive integer",
        lax(new TaskAcquire("", -1, "", 0)));
    assertEquals("", lax(new TaskAcquire("t", 0, "w", 1)));
    assertEquals("data.id: Task ID is required; data.version: Version must be a non-negative integer",
        lax(new TaskRelease("", -1)));
  }

  @Test
  void taskCreateNeedsATargetedUndelayedValidAction() {
    PromiseCreate ok = create("wf", lineage("wf", "wf", "wf", "resonate:target", "poll://any@g/w1"));
    assertEquals("", lax(new TaskCreate("w1", 60000, Action.of(ok, HEAD))));
    assertEquals("", strict(new TaskCreate("w1", 60000, Action.of(ok, HEAD))));
    assertEquals("data.pid: Process ID is required; data.ttl: TTL must be a positive integer",
        lax(new TaskCreate("", 0, Action.of(ok, HEAD))));
    assertEquals("data.action.data.id: Promise ID is required",
        lax(new TaskCreate("w1", 1, Action.of(create("", tags("resonate:target", TARGET)), HEAD))));
    assertEquals("data.action.data.tags: Action must have a resonate:target tag",
        lax(new TaskCreate("w1", 1, Action.of(create("wf", Map.of()), HEAD))));
    assertEquals("data.action.data.tags.resonate:delay: Action must not have a resonate:delay tag",
        lax(new TaskCreate("w1", 1, Action.of(create("wf", tags("resonate:target", TARGET, "resonate:delay", "5")),
            HEAD))));
    assertEquals("data.action.data.tags.resonate:target: Invalid resonate:target address",
        lax(new TaskCreate("w1", 1, Action.of(create("wf", tags("resonate:target", "any@g")), HEAD))));
  }

  @Test
  void taskFulfillSettlesItsOwnPromise() {
    PromiseSettle settle = new PromiseSettle("wf", SettleState.RESOLVED, Value.of("NQ=="));
    assertEquals("", lax(new TaskFulfill("wf", 1, Action.of(settle, HEAD))));
    assertEquals("data.action.data.id: Action ID must match the task ID",
        lax(new TaskFulfill("other", 1, Action.of(settle, HEAD))));
    assertEquals("data.id: Task ID is required", lax(new TaskFulfill("", 1, Action.of(settle, HEAD))));
  }

  @Test
  void taskSuspendChecksEveryAction() {
    assertEquals("data.actions: Actions array cannot be empty", lax(suspend("wf")));
    assertEquals("", lax(suspend("wf", new PromiseRegisterCallback("wf:2", "wf"),
        new PromiseRegisterCallback("wf:5", "wf"))));
    assertEquals("data.actions[1].data.awaiter: All action awaiter IDs must match the task ID",
        lax(suspend("wf", new PromiseRegisterCallback("wf:2", "wf"), new PromiseRegisterCallback("wf:3", "wf:1"))));
    assertEquals("data.actions[0].data.awaited: Action awaited promise must not equal the task ID",
        lax(suspend("wf", new PromiseRegisterCallback("wf", "wf"))));
    assertEquals("data.actions[0].data.awaited: Awaited promise ID is required",
        lax(suspend("wf", new PromiseRegisterCallback("", "wf"))));
    assertEquals("data.actions[0].data.awaiter: Awaiter promise ID is required",
        lax(suspend("wf", new PromiseRegisterCallback("wf:1", ""))));
    assertEquals("", lax(suspend("wf", new PromiseRegisterCallback("payment-42", "wf"))));
    assertEquals("data.actions[0].data.awaited: Awaited promise must belong to the same origin as the task",
        strict(suspend("wf", new PromiseRegisterCallback("payment-42", "wf"))));
    assertEquals("", strict(suspend("wf", new PromiseRegisterCallback("wf:2", "wf"))));
  }

  @Test
  void taskFenceValidatesItsInnerAction() {
    PromiseCreate child = create("wf:0", lineage("wf", "wf", "wf", "resonate:scope", "local"));
    assertEquals("", lax(new TaskFence("wf", 1, Action.of(child, HEAD))));
    assertEquals("", strict(new TaskFence("wf", 1, Action.of(child, HEAD))));
    assertEquals("data.action.data.id: Action ID must not equal the task ID",
        lax(new TaskFence("wf", 1, Action.of(create("wf", Map.of()), HEAD))));
    assertEquals("data.action.data.id: Action ID must not equal the task ID",
        lax(new TaskFence("wf", 1, Action.of(new PromiseSettle("wf", SettleState.RESOLVED, Value.EMPTY), HEAD))));
    assertEquals("data.action.data.tags.resonate:target: Invalid resonate:target address",
        lax(new TaskFence("wf", 1, Action.of(create("wf:1", tags("resonate:target", "x")), HEAD))));
    assertEquals("data.action.data.id: Promise ID is required",
        lax(new TaskFence("wf", 1, Action.of(new PromiseSettle("", SettleState.RESOLVED, Value.EMPTY), HEAD))));
    assertEquals("data.action.data.tags.resonate:origin: Promise ID must be prefixed by resonate:origin",
        strict(new TaskFence("wf", 1, Action.of(create("x:0", lineage("wf", "wf", "wf")), HEAD))));
    assertEquals("data.version: Version must be a non-negative integer",
        lax(new TaskFence("wf", -1, Action.of(child, HEAD))));
    assertEquals("data.action.kind: Invalid fence action kind",
        lax(new TaskFence("wf", 1, Action.of(new PromiseGet("wf:0"), HEAD))));
  }

  @Test
  void heartbeatAcceptsEmptyAndMixedBatchesUnlessStrict() {
    TaskHeartbeat mixed = new TaskHeartbeat("w", List.of(new TaskRef("wf", 1), new TaskRef("other:2", 3)));
    TaskHeartbeat family = new TaskHeartbeat("w", List.of(new TaskRef("wf", 1), new TaskRef("wf:2", 1)));
    TaskHeartbeat empty = new TaskHeartbeat("w", List.of());
    assertEquals("", lax(mixed));
    assertEquals("", lax(family));
    assertEquals("", lax(empty));
    assertEquals("", strict(empty));
    assertEquals("", strict(family));
    assertEquals("data.tasks: All tasks must belong to the same origin", strict(mixed));
    assertEquals("data.pid: Process ID is required", lax(new TaskHeartbeat("", List.of())));
  }

  // ---- schedules and debug

  @Test
  void scheduleCreateRules() {
    Map<String, String> targeted = tags("resonate:target", "poll://any@capc");
    assertEquals("", lax(new ScheduleCreate("s", "*/2 * * * * *", "{{.id}}-{{.timestamp}}", 86400000, Value.EMPTY,
        targeted)));
    assertEquals("data.id: Schedule ID is required; data.cron: Cron expression is required; "
        + "data.promiseId: Promise ID is required; data.promiseTimeout: Promise timeout must be a non-negative integer",
        lax(new ScheduleCreate("", "", "", -1, Value.EMPTY, targeted)));
    assertEquals("data.id: Schedule ID must not contain '.'",
        lax(new ScheduleCreate("a.b", "* * * * *", "p", 1, Value.EMPTY, targeted)));
    assertEquals("data.promiseTags: promiseTags must include a resonate:target tag",
        lax(new ScheduleCreate("s", "* * * * *", "p", 1, Value.EMPTY, Map.of())));
    assertEquals("data.promiseTags.resonate:target: Invalid resonate:target address",
        lax(new ScheduleCreate("s", "* * * * *", "p", 1, Value.EMPTY, tags("resonate:target", "capc"))));
    assertEquals("", lax(new ScheduleCreate("s", "not cron, checked by the server", "p", 0, Value.EMPTY, targeted)));
    assertEquals("data.id: Schedule ID is required", lax(new ScheduleGet("")));
    assertEquals("data.id: Schedule ID is required", lax(new ScheduleDelete("")));
  }

  @Test
  void debugKindsHaveNoValueRules() {
    assertEquals("", lax(new DebugTick(-5)));
    assertEquals("", strict(new DebugSnap()));
  }

  @Test
  void describeJoinsPathAndMessage() {
    assertEquals("", RequestRules.describe(List.of()));
    assertEquals("a: x; b: y", RequestRules.describe(List.of(new Violation("a", "x"), new Violation("b", "y"))));
    assertEquals(new RuleOptions(false), RuleOptions.DEFAULT);
  }
}
