package dev.sustain.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnapResult;
import dev.sustain.protocol.message.DebugSnapResult.Callback;
import dev.sustain.protocol.message.DebugSnapResult.Listener;
import dev.sustain.protocol.message.DebugSnapResult.PromiseTimeout;
import dev.sustain.protocol.message.DebugSnapResult.TaskTimeout;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.DebugTickResult;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseRegisterCallbackResult;
import dev.sustain.protocol.message.PromiseRegisterListenerResult;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSearchResult;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.PromiseSettleResult;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleCreateResult;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleGetResult;
import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.ScheduleSearchResult;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskAcquireResult;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreateResult;
import dev.sustain.protocol.message.TaskFenceResult;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskFulfillResult;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.TaskSuspendResult;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases 14–133 of spec §8 that concern state and the engine, in their [J] variants, run against
 * any implementation through a {@link ProtocolDriver}. Not covered here, because they need the codec, the HTTP
 * binding or runtime switches rather than the store: the decode errors of case 32 (settle states outside the
 * enum), case 21 (missing {@code timeoutAt}), case 95 (fence action kind {@code promise.get}) and case 122
 * (non-integer {@code time}), which typed requests cannot express, and case 131 (debug mode off).
 *
 * <p>Setup per test: empty tables, loops paused, time {@link #T0}, {@code R} = 30 000 ms, target
 * {@code poll://any@default}.
 */
public abstract class ConformanceContract extends ConformanceSupport {

  @Nested
  @DisplayName("promise.get / promise.create")
  class PromiseCreation {
    @Test
    @DisplayName("14: create without target → pending, no settledAt, empty param/value/tags, no task")
    void createWithoutTargetYieldsAPendingPromiseAndNoTask() {
      PromiseRecord p = create("p", now + 1000, Map.of());
      assertEquals(PromiseState.PENDING, p.state());
      assertEquals(now, p.createdAt());
      assertEquals(now + 1000, p.timeoutAt());
      assertNull(p.settledAt());
      assertEquals(Value.EMPTY, p.param());
      assertEquals(Value.EMPTY, p.value());
      assertEquals(Map.of(), p.tags());
      assertEquals(List.of(), snap().tasks());
    }

    @Test
    @DisplayName("15: create again with other param, tags and timeout → the original record, no new messages")
    void createIsIdempotentByIdAndIgnoresTheRequestFields() {
      PromiseRecord first = create("p", now + 1000, targeted());
      DebugSnapResult before = snap();
      now += 10;
      PromiseRecord again =
          ok(new PromiseCreate("p", now + 99_000, Value.of("eA=="), Map.of("k", "v")), PromiseCreateResult.class)
              .promise();
      assertEquals(first, again);
      assertEquals(before, snap());
    }

    @Test
    @DisplayName("16: create with timeoutAt = now → rejected_timedout, createdAt = settledAt = timeoutAt")
    void createAtTheDeadlineIsBornTimedOut() {
      PromiseRecord p = create("p", now, Map.of());
      assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state());
      assertEquals(now, p.createdAt());
      assertEquals(now, p.settledAt());
      assertEquals(List.of(), snap().promiseTimeouts());
    }

    @Test
    @DisplayName("17: create an expired timer → resolved")
    void anExpiredTimerIsBornResolved() {
      PromiseRecord p = create("p", now - 5, tags(Tags.TIMER, "true"));
      assertEquals(PromiseState.RESOLVED, p.state());
      assertEquals(now - 5, p.createdAt());
      assertEquals(now - 5, p.settledAt());
    }

    @Test
    @DisplayName("18: create with target → pending task v0, retry timer at now + R, execute(p,0)")
    void aTargetedCreateMakesAPendingTaskAndQueuesAnExecute() {
      create("p", now + 60_000, targeted());
      DebugSnapResult snap = snap();
      assertEquals(List.of(new TaskRecord("p", TaskState.PENDING, 0, 0, null, null)), snap.tasks());
      assertEquals(List.of(new TaskTimeout("p", TaskTimeout.RETRY, now + R)), snap.taskTimeouts());
      assertEquals(List.of(execute("p", 0)), executes(snap));
      assertEquals(List.of(new PromiseTimeout("p", now + 60_000)), snap.promiseTimeouts());
    }

    @Test
    @DisplayName("19: create an expired promise with target → rejected_timedout, task fulfilled v0, nothing armed")
    void anExpiredTargetedCreateHasAFulfilledTaskAndNoMessages() {
      PromiseRecord p = create("p", now - 1, targeted());
      assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state());
      DebugSnapResult snap = snap();
      assertEquals(List.of(new TaskRecord("p", TaskState.FULFILLED, 0, 0, null, null)), snap.tasks());
      assertEquals(List.of(), snap.messages());
      assertEquals(List.of(), snap.taskTimeouts());
      assertEquals(List.of(), snap.promiseTimeouts());
    }

    @Test
    @DisplayName("20: target ftp://x or poll://foo@g → 400; poll://any@g/w1 → 200")
    void targetsMustBeValidAddresses() {
      fails(400, new PromiseCreate("a", now + 1000, null, tags(Tags.TARGET, "ftp://x")));
      fails(400, new PromiseCreate("b", now + 1000, null, tags(Tags.TARGET, "poll://foo@g")));
      PromiseRecord c = create("c", now + 1000, tags(Tags.TARGET, "poll://any@g/w1"));
      assertEquals(PromiseState.PENDING, c.state());
      assertEquals(List.of("c@0→poll://any@g/w1"), executes(snap()));
    }

    @Test
    @DisplayName("21: empty id, NUL in the id or negative timeoutAt → 400")
    void malformedCreatesAreRejected() {
      fails(400, new PromiseCreate("", now + 1000, null, null));
      fails(400, new PromiseCreate("a\u0000b", now + 1000, null, null));
      fails(400, new PromiseCreate("p", -1, null, null));
      assertEquals(List.of(), snap().promises());
    }

    @Test
    @DisplayName("22: delay 'abc', delay ≥ timeoutAt, or delay without target → 400")
    void malformedDelaysAreRejected() {
      fails(400, new PromiseCreate("a", now + 1000, null, targeted(Tags.DELAY, "abc")));
      fails(400, new PromiseCreate("b", now + 1000, null, targeted(Tags.DELAY, Long.toString(now + 1000))));
      fails(400, new PromiseCreate("c", now + 1000, null, tags(Tags.DELAY, Long.toString(now + 10))));
      assertEquals(List.of(), snap().promises());
    }

    @Test
    @DisplayName("23 [J]: delay = now + 5000 → retry timer at the delay, no execute until the tick there")
    void aDelayedTargetedCreateDefersTheFirstExecute() {
      long start = now;
      create("p", now + 60_000, targeted(Tags.DELAY, Long.toString(now + 5000)));
      DebugSnapResult snap = snap();
      assertEquals(List.of(new TaskRecord("p", TaskState.PENDING, 0, 0, null, null)), snap.tasks());
      assertEquals(List.of(new TaskTimeout("p", TaskTimeout.RETRY, start + 5000)), snap.taskTimeouts());
      assertEquals(List.of(), snap.messages());
      tick(start + 4999);
      assertEquals(List.of(), snap().messages());
      tick(start + 5000);
      snap = snap();
      assertEquals(List.of(execute("p", 0)), executes(snap));
      assertEquals(List.of(new TaskTimeout("p", TaskTimeout.RETRY, start + 5000 + R)), snap.taskTimeouts());
    }

    @Test
    @DisplayName("24 [J]: lineage tags the id does not extend are accepted (lenient default)")
    void lineageRulesAreNotEnforcedByDefault() {
      assertEquals(PromiseState.PENDING, create("x", now + 1000, tags(Tags.ORIGIN, "a.b")).state());
      assertEquals(PromiseState.PENDING, create("y", now + 1000, tags(Tags.PARENT, "zzz")).state());
      assertEquals(PromiseState.PENDING, create("root:1", now + 1000, tags(Tags.ORIGIN, "root", Tags.BRANCH, "root:1",
          Tags.PARENT, "root")).state());
    }

    @Test
    @DisplayName("25: get at now = timeoutAt → rejected_timedout with settledAt = timeoutAt, stored as such")
    void getAtTheDeadlineMaterialisesTheTimeout() {
      long t = now + 1000;
      create("p", t, Map.of());
      now = t;
      PromiseRecord p = get("p");
      assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state());
      assertEquals(t, p.settledAt());
      DebugSnapResult snap = snap();
      assertEquals(p, promiseIn(snap, "p").orElseThrow());
      assertEquals(List.of(), snap.promiseTimeouts());
    }

    @Test
    @DisplayName("26: get a timer past its deadline → resolved, value {}")
    void aTimerPastItsDeadlineReadsResolved() {
      create("p", now + 1000, tags(Tags.TIMER, "true"));
      now += 2000;
      PromiseRecord p = get("p");
      assertEquals(PromiseState.RESOLVED, p.state());
      assertEquals(Value.EMPTY, p.value());
      assertEquals(T0 + 1000, p.settledAt());
    }

    @Test
    @DisplayName("27: create again past the deadline → the timed-out record")
    void createAgainPastTheDeadlineReturnsTheTimedOutRecord() {
      create("p", now + 1000, Map.of());
      now += 1500;
      PromiseRecord p = create("p", now + 1000, Map.of());
      assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state());
      assertEquals(T0 + 1000, p.settledAt());
    }

    @Test
    @DisplayName("28: param {headers:{}, data} round-trips exactly; no param reads {}")
    void paramsRoundTripExactly() {
      Value param = new Value(Map.of(), "eA==");
      ok(new PromiseCreate("a", now + 1000, param, null), PromiseCreateResult.class);
      create("b");
      assertEquals(param, get("a").param());
      assertEquals(Map.of(), get("a").param().headers());
      assertEquals(Value.EMPTY, get("b").param());
      assertNull(get("b").param().headers());
    }
  }

  @Nested
  @DisplayName("promise.settle")
  class PromiseSettlement {
    @Test
    @DisplayName("29: settle a missing promise → 404")
    void settlingAMissingPromiseIsNotFound() {
      assertEquals("Promise not found", fails(404, settleData("p", SettleState.RESOLVED, null)));
    }

    @Test
    @DisplayName("30: settle resolved → resolved, settledAt = now, the value, no armed timeout")
    void settleStoresStateValueAndTimeAndDisarms() {
      create("p");
      now += 7;
      PromiseRecord p =
          ok(settleData("p", SettleState.RESOLVED, new Value(null, "dg==")), PromiseSettleResult.class).promise();
      assertEquals(PromiseState.RESOLVED, p.state());
      assertEquals(now, p.settledAt());
      assertEquals("dg==", p.value().data());
      assertEquals(List.of(), snap().promiseTimeouts());
    }

    @Test
    @DisplayName("31: settle a resolved promise as rejected → unchanged")
    void settleOnASettledPromiseIsIdempotent() {
      create("p");
      PromiseRecord first =
          ok(settleData("p", SettleState.RESOLVED, Value.of("YQ==")), PromiseSettleResult.class).promise();
      now += 100;
      PromiseRecord again =
          ok(settleData("p", SettleState.REJECTED, Value.of("Yg==")), PromiseSettleResult.class).promise();
      assertEquals(first, again);
    }

    @Test
    @DisplayName("33: settle past the deadline → rejected_timedout (timeout wins)")
    void timeoutWinsOverALateSettle() {
      create("p", now + 1000, Map.of());
      now += 1000;
      PromiseRecord p = resolve("p");
      assertEquals(PromiseState.REJECTED_TIMEDOUT, p.state());
      assertEquals(T0 + 1000, p.settledAt());
      assertEquals(Value.EMPTY, p.value());
    }

    @Test
    @DisplayName("34: settle with listeners A and B → unblock to each with the settled record, listeners gone")
    void settleUnblocksEveryListener() {
      create("p");
      ok(listenerData("p", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      ok(listenerData("p", "poll://uni@g/b"), PromiseRegisterListenerResult.class);
      PromiseRecord settled = resolve("p");
      DebugSnapResult snap = snap();
      assertEquals(List.of("p→poll://uni@g/a", "p→poll://uni@g/b"), unblocks(snap));
      snap.messages().forEach(m -> assertEquals(new Unblock(settled), m.message()));
      assertEquals(List.of(), snap.listeners());
    }

    @Test
    @DisplayName("35: settling what a suspended task awaits → pending at its version, retry at now + R, execute")
    void settleResumesASuspendedAwaiter() {
      taskCreate("t", "w", 60_000);
      create("p");
      ok(suspendData("t", 1, "p"), Empty.class);
      now += 500;
      resolve("p");
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.PENDING, 1, 1, null, null), taskIn(snap, "t").orElseThrow());
      assertEquals(new TaskTimeout("t", TaskTimeout.RETRY, now + R), timerOf(snap, "t").orElseThrow());
      assertEquals(List.of(execute("t", 1)), executes(snap));
      assertEquals(List.of(), snap.callbacks());
    }

    @Test
    @DisplayName("36: settling what an acquired task awaits → still acquired, resumes 1")
    void settleCountsAResumeOnAnAcquiredAwaiter() {
      taskCreate("t", "w", 60_000);
      create("p");
      ok(callbackData("p", "t"), PromiseRegisterCallbackResult.class);
      resolve("p");
      TaskRecord t = task("t");
      assertEquals(TaskState.ACQUIRED, t.state());
      assertEquals(1, t.resumes());
    }

    @Test
    @DisplayName("37: settling a promise whose task is acquired → task fulfilled, lease gone, fulfill → 409")
    void settleFulfilsTheOwnTask() {
      taskCreate("p", "w", 60_000);
      resolve("p");
      DebugSnapResult snap = snap();
      assertEquals(TaskState.FULFILLED, taskIn(snap, "p").orElseThrow().state());
      assertTrue(timerOf(snap, "p").isEmpty());
      fails(409, fulfillData("p", 1, SettleState.RESOLVED));
    }

    @Test
    @DisplayName("38: a task suspended on p1 and p2 resumes once when p1 settles; (p2,t) stays")
    void oneSettlementResumesOnceAndKeepsTheOtherCallback() {
      taskCreate("t", "w", 60_000);
      create("p1");
      create("p2");
      ok(suspendData("t", 1, "p1", "p2"), Empty.class);
      resolve("p1");
      DebugSnapResult snap = snap();
      assertEquals(TaskState.PENDING, taskIn(snap, "t").orElseThrow().state());
      assertEquals(List.of(execute("t", 1)), executes(snap));
      assertEquals(List.of(new Callback("t", "p2")), snap.callbacks());
    }
  }

  @Nested
  @DisplayName("promise.register_callback")
  class RegisterCallback {
    @Test
    @DisplayName("39: awaited == awaiter → 400")
    void aPromiseCannotAwaitItself() {
      taskCreate("t", "w", 60_000);
      fails(400, callbackData("t", "t"));
    }

    @Test
    @DisplayName("40: missing awaited → 404")
    void aMissingAwaitedIsNotFound() {
      taskCreate("t", "w", 60_000);
      assertEquals("Awaited promise not found", fails(404, callbackData("p", "t")));
    }

    @Test
    @DisplayName("41: missing awaiter → 422")
    void aMissingAwaiterIsUnprocessable() {
      create("p");
      assertEquals("Awaiter promise not found", fails(422, callbackData("p", "t")));
    }

    @Test
    @DisplayName("42: untargeted awaiter → 422")
    void anUntargetedAwaiterIsUnprocessable() {
      create("p");
      create("t");
      assertEquals("Awaiter promise has no resonate:target tag", fails(422, callbackData("p", "t")));
    }

    @Test
    @DisplayName("43: both pending → 200 with the awaited record, one callback even when registered twice")
    void aCallbackIsStoredOnce() {
      PromiseRecord p = create("p");
      createTargeted("t");
      assertEquals(p, ok(callbackData("p", "t"), PromiseRegisterCallbackResult.class).promise());
      ok(callbackData("p", "t"), PromiseRegisterCallbackResult.class);
      assertEquals(List.of(new Callback("t", "p")), snap().callbacks());
    }

    @Test
    @DisplayName("44: awaited settled, awaiter suspended → 200 and the awaiter is pending with an execute")
    void registeringOnASettledPromiseResumesASuspendedAwaiter() {
      taskCreate("t", "w", 60_000);
      create("q1");
      create("q2");
      resolve("q2");
      ok(suspendData("t", 1, "q1"), Empty.class);
      ok(callbackData("q2", "t"), PromiseRegisterCallbackResult.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.PENDING, 1, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertEquals(List.of(execute("t", 1)), executes(snap));
    }

    @Test
    @DisplayName("45: awaited settled, awaiter acquired → resumes 1")
    void registeringOnASettledPromiseCountsAResume() {
      taskCreate("t", "w", 60_000);
      create("q");
      resolve("q");
      ok(callbackData("q", "t"), PromiseRegisterCallbackResult.class);
      ok(callbackData("q", "t"), PromiseRegisterCallbackResult.class);
      assertEquals(1, task("t").resumes());
    }

    @Test
    @DisplayName("46: awaited pending, awaiter settled → 200, nothing stored")
    void aSettledAwaiterRegistersNothing() {
      create("q");
      createTargeted("a");
      resolve("a");
      ok(callbackData("q", "a"), PromiseRegisterCallbackResult.class);
      assertEquals(List.of(), snap().callbacks());
    }

    @Test
    @DisplayName("47 [J]: awaiter and awaited of different origins → 200")
    void differentOriginsAreAcceptedByDefault() {
      create("b.1");
      createTargeted("a.1");
      ok(callbackData("b.1", "a.1"), PromiseRegisterCallbackResult.class);
      assertEquals(List.of(new Callback("a.1", "b.1")), snap().callbacks());
    }
  }

  @Nested
  @DisplayName("promise.register_listener")
  class RegisterListener {
    @Test
    @DisplayName("48: address 'not a url' → 400")
    void theAddressMustBeValid() {
      create("p");
      fails(400, listenerData("p", "not a url"));
    }

    @Test
    @DisplayName("49: missing promise → 404")
    void aMissingPromiseIsNotFound() {
      assertEquals("Awaited promise not found", fails(404, listenerData("p", "poll://uni@g/a")));
    }

    @Test
    @DisplayName("50: registering A twice on a pending promise → pending each time, one listener")
    void aListenerIsStoredOnce() {
      create("p");
      for (int i = 0; i < 2; i++) {
        assertEquals(
            PromiseState.PENDING,
            ok(listenerData("p", "poll://uni@g/a"), PromiseRegisterListenerResult.class).promise().state());
      }
      assertEquals(List.of(new Listener("p", "poll://uni@g/a")), snap().listeners());
    }

    @Test
    @DisplayName("51: registering on a settled promise → the settled record, nothing stored or queued")
    void registeringOnASettledPromiseAnswersAtOnce() {
      create("p");
      PromiseRecord settled = resolve("p");
      assertEquals(settled, ok(listenerData("p", "poll://uni@g/a"), PromiseRegisterListenerResult.class).promise());
      DebugSnapResult snap = snap();
      assertEquals(List.of(), snap.listeners());
      assertEquals(List.of(), snap.messages());
    }

    @Test
    @DisplayName("52 [J]: an untargeted promise with a listener times out in the sweep and unblocks it")
    void untargetedPromisesAreArmed() {
      long t = now + 1000;
      create("p", t, Map.of());
      ok(listenerData("p", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      tick(t);
      DebugSnapResult snap = snap();
      assertEquals(PromiseState.REJECTED_TIMEDOUT, promiseIn(snap, "p").orElseThrow().state());
      assertEquals(List.of("p→poll://uni@g/a"), unblocks(snap));
    }
  }

  @Nested
  @DisplayName("promise.search")
  class PromiseSearching {
    @Test
    @DisplayName("53: limit 2 → [a,b] with cursor b; from cursor b → [c] without cursor")
    void searchPagesByIdWithACursor() {
      create("c");
      create("a");
      create("b");
      PromiseSearchResult first = ok(new PromiseSearch(null, null, 2, null), PromiseSearchResult.class);
      assertEquals(List.of("a", "b"), first.promises().stream().map(PromiseRecord::id).toList());
      assertEquals("b", first.cursor());
      PromiseSearchResult second = ok(new PromiseSearch(null, null, 2, "b"), PromiseSearchResult.class);
      assertEquals(List.of("c"), second.promises().stream().map(PromiseRecord::id).toList());
      assertNull(second.cursor());
    }

    @Test
    @DisplayName("54: limit 0 or 1001 → 400")
    void limitsOutOfRangeAreRejected() {
      fails(400, new PromiseSearch(null, null, 0, null));
      fails(400, new PromiseSearch(null, null, 1001, null));
      ok(new PromiseSearch(null, null, 1000, null), PromiseSearchResult.class);
    }

    @Test
    @DisplayName("55: state filter → only that state")
    void searchFiltersByState() {
      create("a");
      create("b");
      resolve("b");
      PromiseSearchResult r = ok(new PromiseSearch(PromiseState.RESOLVED, null, null, null), PromiseSearchResult.class);
      assertEquals(List.of("b"), r.promises().stream().map(PromiseRecord::id).toList());
    }

    @Test
    @DisplayName("56: tag filter → tag containment")
    void searchFiltersByTagContainment() {
      create("a", now + 1000, tags("k", "1", "x", "y"));
      create("b", now + 1000, tags("k", "2"));
      PromiseSearchResult r = ok(new PromiseSearch(null, Map.of("k", "1"), null, null), PromiseSearchResult.class);
      assertEquals(List.of("a"), r.promises().stream().map(PromiseRecord::id).toList());
    }

    @Test
    @DisplayName("57: 150 promises, search {} → 100 and a cursor")
    void theDefaultLimitIsAHundred() {
      for (int i = 0; i < 150; i++) {
        create(String.format("p%03d", i));
      }
      PromiseSearchResult r = ok(new PromiseSearch(null, null, null, null), PromiseSearchResult.class);
      assertEquals(100, r.promises().size());
      assertEquals("p099", r.cursor());
    }
  }

  @Nested
  @DisplayName("task.get")
  class TaskGetting {
    @Test
    @DisplayName("58: missing task → 404")
    void aMissingTaskIsNotFound() {
      assertEquals("Task not found", fails(404, new TaskGet("t")));
    }

    @Test
    @DisplayName("59: acquired shows ttl and pid; pending shows neither")
    void ttlAndPidShowOnlyWhileAcquired() {
      taskCreate("a", "w", 5000);
      createTargeted("p");
      assertEquals(new TaskRecord("a", TaskState.ACQUIRED, 1, 0, 5000L, "w"), task("a"));
      assertEquals(new TaskRecord("p", TaskState.PENDING, 0, 0, null, null), task("p"));
    }

    @Test
    @DisplayName("60: a pending task whose promise is past its deadline reads fulfilled")
    void taskGetMaterialisesThePromiseTimeout() {
      create("p", now + 1000, targeted());
      now += 1000;
      assertEquals(TaskState.FULFILLED, task("p").state());
      assertEquals(PromiseState.REJECTED_TIMEDOUT, get("p").state());
    }
  }

  @Nested
  @DisplayName("task.create")
  class TaskCreation {
    @Test
    @DisplayName("61: no target, a delay, ttl 0 or empty pid → 400")
    void malformedTaskCreatesAreRejected() {
      fails(400, taskCreateData("a", "w", 60_000, now + 1000, tags()));
      fails(400, taskCreateData("b", "w", 60_000, now + 1000, targeted(Tags.DELAY, Long.toString(now + 10))));
      fails(400, taskCreateData("c", "w", 0, now + 1000, targeted()));
      fails(400, taskCreateData("d", "", 60_000, now + 1000, targeted()));
      assertEquals(List.of(), snap().promises());
    }

    @Test
    @DisplayName("62: new → acquired v1 by the caller, pending promise, preload [], lease at now + ttl, no execute")
    void taskCreateAcquiresANewTaskWithoutAnExecute() {
      TaskCreateResult r = taskCreate("p", "w", 60_000);
      assertEquals(new TaskRecord("p", TaskState.ACQUIRED, 1, 0, 60_000L, "w"), r.task());
      assertEquals(PromiseState.PENDING, r.promise().state());
      assertEquals(List.of(), r.preload());
      DebugSnapResult snap = snap();
      assertEquals(List.of(new TaskTimeout("p", TaskTimeout.LEASE, now + 60_000)), snap.taskTimeouts());
      assertEquals(List.of(), snap.messages());
    }

    @Test
    @DisplayName("63: expired action → task fulfilled v0 without ttl/pid, promise rejected_timedout")
    void anExpiredTaskCreateIsBornFulfilled() {
      TaskCreateResult r = ok(taskCreateData("p", "w", 60_000, now, targeted()), TaskCreateResult.class);
      assertEquals(new TaskRecord("p", TaskState.FULFILLED, 0, 0, null, null), r.task());
      assertEquals(PromiseState.REJECTED_TIMEDOUT, r.promise().state());
      assertEquals(List.of(), r.preload());
    }

    @Test
    @DisplayName("64: on an existing untargeted promise → 422")
    void anUntargetedPromiseHasNoTaskToCreate() {
      create("p");
      assertEquals(
          "The promise does not have a resonate:target tag",
          fails(422, taskCreateData("p", "w", 60_000, now + 1000, targeted())));
    }

    @Test
    @DisplayName("65: on an existing pending task v0 → acquired v1 by the new pid")
    void taskCreateAcquiresAnExistingPendingTask() {
      createTargeted("p");
      TaskCreateResult r = ok(taskCreateData("p", "w2", 7000, now + 1000, targeted()), TaskCreateResult.class);
      assertEquals(new TaskRecord("p", TaskState.ACQUIRED, 1, 0, 7000L, "w2"), r.task());
    }

    @Test
    @DisplayName("66: on an acquired, suspended or halted task → 409")
    void taskCreateConflictsWithAHeldTask() {
      taskCreate("a", "w", 60_000);
      taskCreate("s", "w", 60_000);
      create("q");
      ok(suspendData("s", 1, "q"), Empty.class);
      createTargeted("h");
      ok(new TaskHalt("h"), Empty.class);
      for (String id : List.of("a", "s", "h")) {
        assertEquals("Already exists", fails(409, taskCreateData(id, "x", 60_000, now + 1000, targeted())));
      }
    }

    @Test
    @DisplayName("67: on a fulfilled task → 200, fulfilled, settled promise, preload []")
    void taskCreateOnAFulfilledTaskReturnsTheResult() {
      taskCreate("p", "w", 60_000);
      create("p:0", now + 1000, tags(Tags.BRANCH, "p"));
      resolve("p");
      TaskCreateResult r = ok(taskCreateData("p", "x", 60_000, now + 1000, targeted(Tags.BRANCH, "p")),
          TaskCreateResult.class);
      assertEquals(new TaskRecord("p", TaskState.FULFILLED, 1, 0, null, null), r.task());
      assertEquals(PromiseState.RESOLVED, r.promise().state());
      assertEquals(List.of(), r.preload());
    }

    @Test
    @DisplayName("68: preload = the promises of the same branch by id, without the task's own")
    void taskCreatePreloadsTheBranch() {
      create("r.1", now + 1000, tags(Tags.BRANCH, "r"));
      create("r.0", now + 1000, tags(Tags.BRANCH, "r"));
      create("q.0", now + 1000, tags(Tags.BRANCH, "q"));
      TaskCreateResult r = ok(taskCreateData("r", "w", 60_000, now + 1000, targeted(Tags.BRANCH, "r")),
          TaskCreateResult.class);
      assertEquals(List.of("r.0", "r.1"), r.preload().stream().map(PromiseRecord::id).toList());
    }
  }

  @Nested
  @DisplayName("task.acquire")
  class TaskAcquisition {
    @Test
    @DisplayName("69: missing task → 404")
    void acquiringAMissingTaskIsNotFound() {
      assertEquals("Task not found", fails(404, new TaskAcquire("t", 0, "w", 5000)));
    }

    @Test
    @DisplayName("70: pending v0, acquire v0 → acquired v1 with ttl and pid, promise, preload, lease at now + ttl")
    void acquireClaimsAPendingTask() {
      PromiseRecord p = createTargeted("t");
      now += 3;
      TaskAcquireResult r = acquire("t", 0, "w", 5000);
      assertEquals(new TaskRecord("t", TaskState.ACQUIRED, 1, 0, 5000L, "w"), r.task());
      assertEquals(p, r.promise());
      assertEquals(List.of(), r.preload());
      assertEquals(new TaskTimeout("t", TaskTimeout.LEASE, now + 5000), timerOf(snap(), "t").orElseThrow());
    }

    @Test
    @DisplayName("71: acquire at another version → 409")
    void acquireAtAnotherVersionConflicts() {
      createTargeted("t");
      assertEquals("Version mismatch", fails(409, new TaskAcquire("t", 3, "w", 5000)));
    }

    @Test
    @DisplayName("72: acquire an acquired task at its version → 409")
    void acquireOfAnAcquiredTaskConflicts() {
      taskCreate("t", "w", 5000);
      assertEquals("Task is not pending", fails(409, new TaskAcquire("t", 1, "x", 5000)));
    }

    @Test
    @DisplayName("73: version −1 or ttl 0 → 400")
    void malformedAcquiresAreRejected() {
      createTargeted("t");
      fails(400, new TaskAcquire("t", -1, "w", 5000));
      fails(400, new TaskAcquire("t", 0, "w", 0));
      assertEquals(TaskState.PENDING, task("t").state());
    }

    @Test
    @DisplayName("74: pending task whose promise is past its deadline → 409 and the task is fulfilled")
    void acquirePastTheDeadlineConflictsAndFulfils() {
      create("t", now + 1000, targeted());
      now += 1000;
      fails(409, new TaskAcquire("t", 0, "w", 5000));
      assertEquals(TaskState.FULFILLED, task("t").state());
    }

    @Test
    @DisplayName("75: acquiring a task with resumes 1 → resumes 0")
    void acquireConsumesReadyCallbacks() {
      createTargeted("t");
      create("q");
      ok(callbackData("q", "t"), PromiseRegisterCallbackResult.class);
      resolve("q");
      assertEquals(1, task("t").resumes());
      assertEquals(0, acquire("t", 0, "w", 5000).task().resumes());
      assertEquals(0, task("t").resumes());
    }
  }

  @Nested
  @DisplayName("task.release")
  class TaskReleasing {
    @Test
    @DisplayName("76: missing task → 404")
    void releasingAMissingTaskIsNotFound() {
      assertEquals("Task not found", fails(404, new TaskRelease("t", 1)));
    }

    @Test
    @DisplayName("77: release v1 → {}, pending v1 without ttl/pid, retry at now + R, execute(t,1)")
    void releaseReturnsTheTaskAndReannouncesIt() {
      taskCreate("t", "w", 60_000);
      now += 10;
      ok(new TaskRelease("t", 1), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.PENDING, 1, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertEquals(new TaskTimeout("t", TaskTimeout.RETRY, now + R), timerOf(snap, "t").orElseThrow());
      assertEquals(List.of(execute("t", 1)), executes(snap));
    }

    @Test
    @DisplayName("78: release at another version or of a pending task → 409")
    void releaseNeedsTheHolderVersion() {
      taskCreate("t", "w", 60_000);
      createTargeted("p");
      assertEquals("Task version mismatch or invalid state", fails(409, new TaskRelease("t", 2)));
      fails(409, new TaskRelease("p", 0));
    }
  }

  @Nested
  @DisplayName("task.fulfill")
  class TaskFulfilment {
    @Test
    @DisplayName("79: action id ≠ task id → 400")
    void theActionMustSettleTheTasksOwnPromise() {
      taskCreate("t", "w", 60_000);
      fails(400, new TaskFulfill("t", 1,
          Action.of(new PromiseSettle("other", SettleState.RESOLVED, null), INNER)));
    }

    @Test
    @DisplayName("80: missing task → 404")
    void fulfillingAMissingTaskIsNotFound() {
      assertEquals("Task not found", fails(404, fulfillData("t", 1, SettleState.RESOLVED)));
    }

    @Test
    @DisplayName("81: fulfill v1 → resolved promise, task fulfilled, no timers, unblock to the listener")
    void fulfillSettlesThePromiseAndUnblocksListeners() {
      taskCreate("t", "w", 60_000);
      ok(listenerData("t", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      PromiseRecord p = ok(fulfillData("t", 1, SettleState.RESOLVED), TaskFulfillResult.class).promise();
      assertEquals(PromiseState.RESOLVED, p.state());
      DebugSnapResult snap = snap();
      assertEquals(TaskState.FULFILLED, taskIn(snap, "t").orElseThrow().state());
      assertEquals(List.of(), snap.taskTimeouts());
      assertEquals(List.of(), snap.promiseTimeouts());
      assertEquals(List.of("t→poll://uni@g/a"), unblocks(snap));
    }

    @Test
    @DisplayName("82: fulfill at an old version or of a suspended task → 409")
    void fulfillNeedsTheHolderVersion() {
      taskCreate("t", "w", 60_000);
      ok(new TaskRelease("t", 1), Empty.class);
      acquire("t", 1, "w", 60_000);
      assertEquals("Task version mismatch or invalid state", fails(409, fulfillData("t", 1, SettleState.RESOLVED)));
      taskCreate("s", "w", 60_000);
      create("q");
      ok(suspendData("s", 1, "q"), Empty.class);
      fails(409, fulfillData("s", 1, SettleState.RESOLVED));
    }

    @Test
    @DisplayName("83: fulfill after the promise's deadline → 409 and the promise is rejected_timedout")
    void fulfillPastTheDeadlineConflicts() {
      ok(taskCreateData("t", "w", 60_000, now + 1000, targeted()), TaskCreateResult.class);
      now += 1000;
      fails(409, fulfillData("t", 1, SettleState.RESOLVED));
      assertEquals(PromiseState.REJECTED_TIMEDOUT, get("t").state());
    }

    @Test
    @DisplayName("84: fulfilling a task awaited by a suspended task resumes that task")
    void fulfillResumesSuspendedAwaiters() {
      taskCreate("s", "w", 60_000);
      createTargeted("t");
      ok(suspendData("s", 1, "t"), Empty.class);
      acquire("t", 0, "x", 60_000);
      ok(fulfillData("t", 1, SettleState.RESOLVED), TaskFulfillResult.class);
      DebugSnapResult snap = snap();
      assertEquals(TaskState.PENDING, taskIn(snap, "s").orElseThrow().state());
      assertTrue(executes(snap).contains(execute("s", 1)));
    }
  }

  @Nested
  @DisplayName("task.suspend")
  class TaskSuspension {
    @Test
    @DisplayName("85: empty actions, a foreign awaiter, or awaiting itself → 400")
    void malformedSuspendsAreRejected() {
      taskCreate("t", "w", 60_000);
      create("q");
      fails(400, new TaskSuspend("t", 1, List.of()));
      fails(400, new TaskSuspend("t", 1, List.of(Action.of(callbackData("q", "other"), INNER))));
      fails(400, suspendData("t", 1, "t"));
      assertEquals(TaskState.ACQUIRED, task("t").state());
    }

    @Test
    @DisplayName("86: missing task → 404")
    void suspendingAMissingTaskIsNotFound() {
      create("q");
      assertEquals("Task not found", fails(404, suspendData("t", 1, "q")));
    }

    @Test
    @DisplayName("87: pending task, or acquired at another version → 409")
    void suspendNeedsTheHolderVersion() {
      create("q");
      createTargeted("p");
      assertEquals("Task is not acquired or version mismatch", fails(409, suspendData("p", 0, "q")));
      taskCreate("t", "w", 60_000);
      fails(409, suspendData("t", 2, "q"));
    }

    @Test
    @DisplayName("88: a missing awaited promise → 422")
    void aMissingAwaitedPromiseIsUnprocessable() {
      taskCreate("t", "w", 60_000);
      assertEquals("Awaited promise not found", fails(422, suspendData("t", 1, "q")));
    }

    @Test
    @DisplayName("89: all awaited pending → {}, suspended v1 without ttl/pid or timer, callback listed")
    void suspendOnPendingPromisesSuspends() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q"), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.SUSPENDED, 1, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertTrue(timerOf(snap, "t").isEmpty());
      assertEquals(List.of(new Callback("t", "q")), snap.callbacks());
    }

    @Test
    @DisplayName("90: one awaited already settled → 300 with preload, still acquired with its lease, no callbacks")
    void suspendOnASettledPromiseAsksToContinue() {
      taskCreate("t", "w", 60_000);
      create("q1");
      create("q2");
      resolve("q2");
      Response<?> r = send(suspendData("t", 1, "q1", "q2"));
      assertEquals(300, r.status());
      assertTrue(r.data() instanceof TaskSuspendResult);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.ACQUIRED, 1, 0, 60_000L, "w"), taskIn(snap, "t").orElseThrow());
      assertEquals(new TaskTimeout("t", TaskTimeout.LEASE, T0 + 60_000), timerOf(snap, "t").orElseThrow());
      assertEquals(List.of(), snap.callbacks());
    }

    @Test
    @DisplayName("91: suspend consumes ready callbacks (resumes → 0) on both outcomes")
    void suspendConsumesReadyCallbacks() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(callbackData("q", "t"), PromiseRegisterCallbackResult.class);
      resolve("q");
      assertEquals(1, task("t").resumes());
      assertEquals(300, send(suspendData("t", 1, "q")).status());
      assertEquals(0, task("t").resumes());

      create("r1");
      create("r2");
      ok(callbackData("r1", "t"), PromiseRegisterCallbackResult.class);
      resolve("r1");
      assertEquals(1, task("t").resumes());
      ok(suspendData("t", 1, "r2"), Empty.class);
      assertEquals(0, task("t").resumes());
    }

    @Test
    @DisplayName("92: suspend on [q, q] → 200 and one callback")
    void duplicateAwaitedIdsCollapse() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q", "q"), Empty.class);
      assertEquals(List.of(new Callback("t", "q")), snap().callbacks());
    }

    @Test
    @DisplayName("93: suspended v1, awaited settles, acquire v1 → version 2")
    void aResumedTaskIsAcquiredAtItsVersion() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q"), Empty.class);
      resolve("q");
      assertEquals(2, acquire("t", 1, "w", 60_000).task().version());
    }

    @Test
    @DisplayName("94 [J]: awaiting a promise of another origin is processed normally")
    void suspendAcrossOriginsIsAccepted() {
      taskCreate("a", "w", 60_000);
      create("b.1");
      ok(suspendData("a", 1, "b.1"), Empty.class);
      assertEquals(TaskState.SUSPENDED, task("a").state());
    }
  }

  @Nested
  @DisplayName("task.fence")
  class TaskFencing {
    @Test
    @DisplayName("95: an action on the task's own id → 400")
    void aFenceCannotActOnItsOwnPromise() {
      taskCreate("t", "w", 60_000);
      fails(400, fenceData("t", 1, new PromiseCreate("t", now + 1000, null, null)));
      fails(400, fenceData("t", 1, settleData("t", SettleState.RESOLVED, null)));
      assertEquals(PromiseState.PENDING, get("t").state());
    }

    @Test
    @DisplayName("96: missing task → 404; pending task or another version → 409")
    void theFenceGuardsTheAction() {
      assertEquals("Task not found", fails(404, fenceData("t", 1, new PromiseCreate("t.0", now + 1000, null, null))));
      createTargeted("p");
      assertEquals("Version mismatch", fails(409, fenceData("p", 0, new PromiseCreate("p.0", now + 1000, null,
          null))));
      taskCreate("t", "w", 60_000);
      fails(409, fenceData("t", 2, new PromiseCreate("t.0", now + 1000, null, null)));
      status(404, new PromiseGet("t.0"));
      status(404, new PromiseGet("p.0"));
    }

    @Test
    @DisplayName("97: fenced create → the inner envelope with the outer corrId, status 200 and the new promise")
    void aFencedCreateAnswersWithTheInnerEnvelope() {
      taskCreate("t", "w", 60_000);
      Response<?> outer = send(fenceData("t", 1, new PromiseCreate("t.0", now + 1000, null, null)));
      assertEquals(200, outer.status());
      TaskFenceResult r = (TaskFenceResult) outer.data();
      assertEquals("promise.create", r.action().kind());
      assertEquals(outer.head().corrId(), r.action().head().corrId());
      assertEquals(200, r.action().status());
      assertEquals(ProtocolVersion.CURRENT, r.action().head().version());
      PromiseRecord child = ((PromiseCreateResult) r.action().data()).promise();
      assertEquals("t.0", child.id());
      assertEquals(PromiseState.PENDING, child.state());
      assertEquals(List.of(), r.preload());
    }

    @Test
    @DisplayName("98: fenced create of an existing promise → inner 200 with the existing record")
    void aFencedCreateIsIdempotent() {
      taskCreate("t", "w", 60_000);
      PromiseRecord existing = create("t.0");
      resolve("t.0");
      TaskFenceResult r =
          ok(fenceData("t", 1, new PromiseCreate("t.0", now + 5, null, Map.of("k", "v"))), TaskFenceResult.class);
      assertEquals(200, r.action().status());
      PromiseRecord read = ((PromiseCreateResult) r.action().data()).promise();
      assertEquals(existing.createdAt(), read.createdAt());
      assertEquals(PromiseState.RESOLVED, read.state());
    }

    @Test
    @DisplayName("99: fenced settle of a missing promise → outer 200, inner 404 'Promise not found'")
    void aFencedSettleOfAMissingPromiseIsAnInnerNotFound() {
      taskCreate("t", "w", 60_000);
      TaskFenceResult r =
          ok(fenceData("t", 1, settleData("t.9", SettleState.RESOLVED, null)), TaskFenceResult.class);
      assertEquals(404, r.action().status());
      assertEquals(new ErrorMessage("Promise not found"), r.action().data());
      assertEquals("promise.settle", r.action().kind());
    }

    @Test
    @DisplayName("100: fenced settle of a pending promise with a listener → inner 200 resolved, unblock queued")
    void aFencedSettleRunsTheCascade() {
      taskCreate("t", "w", 60_000);
      create("t.0");
      ok(listenerData("t.0", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      TaskFenceResult r =
          ok(fenceData("t", 1, settleData("t.0", SettleState.RESOLVED, null)), TaskFenceResult.class);
      assertEquals(200, r.action().status());
      assertEquals(PromiseState.RESOLVED, ((PromiseSettleResult) r.action().data()).promise().state());
      assertEquals(List.of("t.0→poll://uni@g/a"), unblocks(snap()));
    }

    @Test
    @DisplayName("101: fenced create of a targeted child → its pending task v0 and execute(child,0)")
    void aFencedTargetedCreateDispatchesTheChild() {
      taskCreate("t", "w", 60_000);
      ok(fenceData("t", 1, new PromiseCreate("t.1", now + 60_000, null, targeted())), TaskFenceResult.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t.1", TaskState.PENDING, 0, 0, null, null), taskIn(snap, "t.1").orElseThrow());
      assertEquals(List.of(execute("t.1", 0)), executes(snap));
    }

    @Test
    @DisplayName("102: fenced create of a local child on the task's branch → it is in the returned preload")
    void theFencePreloadIsComputedAfterTheAction() {
      ok(taskCreateData("t", "w", 60_000, now + 60_000, targeted(Tags.BRANCH, "t")), TaskCreateResult.class);
      TaskFenceResult r =
          ok(fenceData("t", 1, new PromiseCreate("t:0", now + 1000, null, tags(Tags.BRANCH, "t"))),
              TaskFenceResult.class);
      assertEquals(List.of("t:0"), r.preload().stream().map(PromiseRecord::id).toList());
    }

    @Test
    @DisplayName("103 [J]: an untargeted timer awaited by a suspended task resolves in the sweep and resumes it")
    void anUntargetedTimerWakesItsAwaiter() {
      taskCreate("t", "w", 60_000);
      long start = now;
      ok(fenceData("t", 1, new PromiseCreate("t.2", start + 1000, null, tags(Tags.TIMER, "true"))),
          TaskFenceResult.class);
      ok(suspendData("t", 1, "t.2"), Empty.class);
      tick(start + 1000);
      DebugSnapResult snap = snap();
      assertEquals(PromiseState.RESOLVED, promiseIn(snap, "t.2").orElseThrow().state());
      assertEquals(TaskState.PENDING, taskIn(snap, "t").orElseThrow().state());
      assertEquals(List.of(execute("t", 1)), executes(snap));
    }

    @Test
    @DisplayName("103: a targeted timer (SDK 0.11.5 sleep) gets a task, resolves, fulfils it and resumes the parent")
    void aTargetedTimerWakesItsAwaiter() {
      taskCreate("t", "w", 60_000);
      long start = now;
      ok(fenceData("t", 1, new PromiseCreate("t.2", start + 1000, null, targeted(Tags.TIMER, "true"))),
          TaskFenceResult.class);
      assertEquals(List.of(execute("t.2", 0)), executes(snap()));
      ok(suspendData("t", 1, "t.2"), Empty.class);
      tick(start + 1000);
      DebugSnapResult snap = snap();
      assertEquals(PromiseState.RESOLVED, promiseIn(snap, "t.2").orElseThrow().state());
      assertEquals(TaskState.FULFILLED, taskIn(snap, "t.2").orElseThrow().state());
      assertEquals(TaskState.PENDING, taskIn(snap, "t").orElseThrow().state());
      assertTrue(executes(snap).contains(execute("t", 1)));
    }
  }

  @Nested
  @DisplayName("task.heartbeat")
  class TaskHeartbeating {
    @Test
    @DisplayName("104: empty pid → 400")
    void thePidIsRequired() {
      fails(400, new TaskHeartbeat("", List.of()));
    }

    @Test
    @DisplayName("105: heartbeat at T+3000 of a ttl-5000 lease taken at T → lease at T+8000")
    void aHeartbeatRenewsTheLease() {
      long t = now;
      taskCreate("t", "w", 5000);
      now = t + 3000;
      ok(new TaskHeartbeat("w", List.of(new TaskRef("t", 1))), Empty.class);
      assertEquals(new TaskTimeout("t", TaskTimeout.LEASE, t + 8000), timerOf(snap(), "t").orElseThrow());
    }

    @Test
    @DisplayName("106: another pid or another version → 200 and the lease unchanged")
    void aHeartbeatOfAnotherHolderChangesNothing() {
      long t = now;
      taskCreate("t", "w", 5000);
      now = t + 3000;
      ok(new TaskHeartbeat("x", List.of(new TaskRef("t", 1))), Empty.class);
      ok(new TaskHeartbeat("w", List.of(new TaskRef("t", 0))), Empty.class);
      ok(new TaskHeartbeat("w", List.of(new TaskRef("missing", 1))), Empty.class);
      assertEquals(new TaskTimeout("t", TaskTimeout.LEASE, t + 5000), timerOf(snap(), "t").orElseThrow());
    }

    @Test
    @DisplayName("107 [J]: tasks [] → 200 and every lease of that pid extended")
    void anEmptyHeartbeatRenewsEveryLeaseOfThePid() {
      long t = now;
      taskCreate("a", "w", 5000);
      taskCreate("b", "w", 7000);
      taskCreate("c", "x", 5000);
      now = t + 1000;
      ok(new TaskHeartbeat("w", List.of()), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(t + 6000, timerOf(snap, "a").orElseThrow().timeout());
      assertEquals(t + 8000, timerOf(snap, "b").orElseThrow().timeout());
      assertEquals(t + 5000, timerOf(snap, "c").orElseThrow().timeout());
    }

    @Test
    @DisplayName("108 [J]: a task whose promise is past its deadline is not renewed; the next tick fulfils it")
    void aDeadTasksLeaseIsNotRenewed() {
      long t = now;
      ok(taskCreateData("t", "w", 5000, t + 2000, targeted()), TaskCreateResult.class);
      now = t + 2000;
      ok(new TaskHeartbeat("w", List.of(new TaskRef("t", 1))), Empty.class);
      ok(new TaskHeartbeat("w", List.of()), Empty.class);
      assertEquals(t + 5000, timerOf(snap(), "t").orElseThrow().timeout());
      tick(t + 2000);
      assertEquals(TaskState.FULFILLED, taskIn(snap(), "t").orElseThrow().state());
    }

    @Test
    @DisplayName("109: lease lapses without heartbeat → pending v1, retry at tick + R, execute; fence v1 → 409")
    void aLapsedLeaseReturnsTheTask() {
      long t = now;
      taskCreate("t", "w", 5000);
      tick(t + 5000);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.PENDING, 1, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertEquals(new TaskTimeout("t", TaskTimeout.RETRY, t + 5000 + R), timerOf(snap, "t").orElseThrow());
      assertEquals(List.of(execute("t", 1)), executes(snap));
      fails(409, fenceData("t", 1, new PromiseCreate("t.0", now + 1000, null, null)));
    }
  }

  @Nested
  @DisplayName("task.halt / task.continue")
  class TaskHaltAndContinue {
    @Test
    @DisplayName("110: missing task → halt 404, continue 404")
    void haltAndContinueOfAMissingTaskAreNotFound() {
      assertEquals("Task not found", fails(404, new TaskHalt("t")));
      assertEquals("Task not found", fails(404, new TaskContinue("t")));
    }

    @Test
    @DisplayName("111: halt a fulfilled task → 409")
    void aFulfilledTaskCannotBeHalted() {
      create("t", now, targeted());
      assertEquals("Task is fulfilled", fails(409, new TaskHalt("t")));
    }

    @Test
    @DisplayName("112: halt an acquired task → halted at its version, no timer, the holder's fulfill → 409")
    void haltFencesOutTheHolder() {
      taskCreate("t", "w", 60_000);
      ok(new TaskHalt("t"), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.HALTED, 1, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertTrue(timerOf(snap, "t").isEmpty());
      fails(409, fulfillData("t", 1, SettleState.RESOLVED));
    }

    @Test
    @DisplayName("113: halt a halted task → 200")
    void haltIsIdempotent() {
      createTargeted("t");
      ok(new TaskHalt("t"), Empty.class);
      ok(new TaskHalt("t"), Empty.class);
      assertEquals(TaskState.HALTED, task("t").state());
    }

    @Test
    @DisplayName("114: a halted task stays halted when its awaited promise settles (resumes 1); continue → pending")
    void aHaltedAwaiterCountsResumesAndContinues() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q"), Empty.class);
      ok(new TaskHalt("t"), Empty.class);
      resolve("q");
      TaskRecord halted = task("t");
      assertEquals(TaskState.HALTED, halted.state());
      assertEquals(1, halted.resumes());
      assertEquals(List.of(), executes(snap()));
      ok(new TaskContinue("t"), Empty.class);
      assertEquals(TaskState.PENDING, task("t").state());
      assertEquals(List.of(execute("t", 1)), executes(snap()));
    }

    @Test
    @DisplayName("115: continue a task that is not halted → 409")
    void continueNeedsAHaltedTask() {
      createTargeted("t");
      assertEquals("Task is not halted", fails(409, new TaskContinue("t")));
    }

    @Test
    @DisplayName("116: continue halted v2 → pending v2, retry at now + R, execute(t,2)")
    void continueReannouncesAtTheSameVersion() {
      taskCreate("t", "w", 60_000);
      ok(new TaskRelease("t", 1), Empty.class);
      acquire("t", 1, "w", 60_000);
      ok(new TaskHalt("t"), Empty.class);
      now += 50;
      ok(new TaskContinue("t"), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord("t", TaskState.PENDING, 2, 0, null, null), taskIn(snap, "t").orElseThrow());
      assertEquals(new TaskTimeout("t", TaskTimeout.RETRY, now + R), timerOf(snap, "t").orElseThrow());
      assertEquals(List.of(execute("t", 2)), executes(snap));
    }

    @Test
    @DisplayName("117: settling the promise of a halted task fulfils it")
    void settlingAHaltedTasksPromiseFulfilsIt() {
      createTargeted("t");
      ok(new TaskHalt("t"), Empty.class);
      resolve("t");
      assertEquals(TaskState.FULFILLED, task("t").state());
    }
  }

  @Nested
  @DisplayName("task.search")
  class TaskSearching {
    @Test
    @DisplayName("118: state acquired, limit 10 → only acquired tasks by id, cursor only when more exist")
    void taskSearchFiltersByState() {
      taskCreate("b", "w", 60_000);
      taskCreate("a", "w", 60_000);
      createTargeted("c");
      taskCreate("d", "w", 60_000);
      ok(new TaskHalt("d"), Empty.class);
      TaskSearchResult r = ok(new TaskSearch(TaskState.ACQUIRED, 10, null), TaskSearchResult.class);
      assertEquals(List.of("a", "b"), r.tasks().stream().map(TaskRecord::id).toList());
      assertNull(r.cursor());
      TaskSearchResult one = ok(new TaskSearch(TaskState.ACQUIRED, 1, null), TaskSearchResult.class);
      assertEquals("a", one.cursor());
    }
  }

  @Nested
  @DisplayName("Timeout sweep")
  class TimeoutSweep {
    @Test
    @DisplayName("119: a due retry timer re-queues execute(t,0) and moves to T + R")
    void aRetryTimerReannouncesThePendingTask() {
      createTargeted("t");
      long due = T0 + R;
      tick(due);
      DebugSnapResult snap = snap();
      assertEquals(List.of(execute("t", 0)), executes(snap));
      assertEquals(new TaskTimeout("t", TaskTimeout.RETRY, due + R), timerOf(snap, "t").orElseThrow());
    }

    @Test
    @DisplayName("120: a targeted promise timing out while acquired → rejected_timedout, task fulfilled, no execute")
    void aPromiseTimeoutFulfilsItsAcquiredTask() {
      long t = now + 1000;
      ok(taskCreateData("p", "w", 60_000, t, targeted()), TaskCreateResult.class);
      tick(t);
      DebugSnapResult snap = snap();
      assertEquals(PromiseState.REJECTED_TIMEDOUT, promiseIn(snap, "p").orElseThrow().state());
      assertEquals(TaskState.FULFILLED, taskIn(snap, "p").orElseThrow().state());
      assertEquals(List.of(), snap.messages());
      assertEquals(List.of(), snap.taskTimeouts());
    }

    @Test
    @DisplayName("121: awaiter and awaited expiring in the same tick → the awaiter is fulfilled, not resumed")
    void anAwaiterExpiringInTheSamePassIsNotResumed() {
      long t = now + 1000;
      ok(taskCreateData("a", "w", 60_000, t, targeted()), TaskCreateResult.class);
      create("b", t, Map.of());
      ok(suspendData("a", 1, "b"), Empty.class);
      tick(t);
      DebugSnapResult snap = snap();
      assertEquals(TaskState.FULFILLED, taskIn(snap, "a").orElseThrow().state());
      assertEquals(List.of(), executes(snap));
    }

    @Test
    @DisplayName("122: debug.tick with resonate:debug_time ≠ time → 400; otherwise 200 []")
    void debugTickTimeMustMatchTheRequestTime() {
      Response<?> bad = driver().send(new DebugTick(now + 5), now);
      assertEquals(400, bad.status());
      assertTrue(bad.data() instanceof ErrorMessage);
      Response<?> good = driver().send(new DebugTick(now), now);
      assertEquals(200, good.status());
      assertEquals(DebugTickResult.INSTANCE, good.data());
    }

    @Test
    @DisplayName("123: a tick leaves queued messages in the outbox")
    void tickDoesNotDeliver() {
      createTargeted("t");
      create("p");
      ok(listenerData("p", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      resolve("p");
      List<String> before = executes(snap());
      tick(now + 10);
      DebugSnapResult snap = snap();
      assertEquals(before, executes(snap));
      assertEquals(List.of("p→poll://uni@g/a"), unblocks(snap));
    }
  }

  @Nested
  @DisplayName("Schedules")
  class Schedules {
    private ScheduleCreate schedule(String id, String cron) {
      return new ScheduleCreate(id, cron, "{{.id}}.{{.timestamp}}", 60_000, null, targeted());
    }

    @Test
    @DisplayName("124: id with '.', no target, cron 'not cron', or promiseTimeout −1 → 400")
    void malformedSchedulesAreRejected() {
      fails(400, schedule("a.b", "* * * * *"));
      fails(400, new ScheduleCreate("s", "* * * * *", "x", 60_000, null, tags()));
      assertEquals("Invalid cron expression", fails(400, schedule("s", "not cron")));
      fails(400, new ScheduleCreate("s", "* * * * *", "x", -1, null, targeted()));
      status(404, new ScheduleGet("s"));
    }

    @Test
    @DisplayName("125: create at now → createdAt now, nextRunAt the next whole minute, no lastRunAt")
    void aScheduleStartsAtItsNextOccurrence() {
      now = T0 + 12_345;
      ScheduleRecord s = ok(schedule("s", "* * * * *"), ScheduleCreateResult.class).schedule();
      assertEquals(now, s.createdAt());
      assertEquals(T0 + 60_000, s.nextRunAt());
      assertNull(s.lastRunAt());
    }

    @Test
    @DisplayName("126: create an existing schedule with another cron → the original")
    void scheduleCreateIsIdempotentById() {
      ScheduleRecord s = ok(schedule("s", "* * * * *"), ScheduleCreateResult.class).schedule();
      now += 1000;
      assertEquals(s, ok(schedule("s", "0 0 * * *"), ScheduleCreateResult.class).schedule());
    }

    @Test
    @DisplayName("127: tick at nextRunAt N → promise s.N with its tags and task, lastRunAt N, nextRunAt N + 60000")
    void aDueScheduleCreatesItsPromise() {
      ScheduleRecord s = ok(schedule("s", "* * * * *"), ScheduleCreateResult.class).schedule();
      long n = s.nextRunAt();
      tick(n);
      String id = "s." + n;
      PromiseRecord p = get(id);
      assertEquals(n, p.createdAt());
      assertEquals(n + 60_000, p.timeoutAt());
      assertEquals("s", p.tag(Tags.SCHEDULE));
      for (String lineage : List.of(Tags.ORIGIN, Tags.BRANCH, Tags.PARENT, Tags.PREFIX)) {
        assertEquals(id, p.tag(lineage), lineage);
      }
      assertEquals(TARGET, p.tag(Tags.TARGET));
      DebugSnapResult snap = snap();
      assertEquals(new TaskRecord(id, TaskState.PENDING, 0, 0, null, null), taskIn(snap, id).orElseThrow());
      assertEquals(List.of(execute(id, 0)), executes(snap));
      ScheduleRecord after = ok(new ScheduleGet("s"), ScheduleGetResult.class).schedule();
      assertEquals(n, after.lastRunAt());
      assertEquals(n + 60_000, after.nextRunAt());
    }

    @Test
    @DisplayName("128: the same tick again → no second promise and no change")
    void aRepeatedTickFiresNothingMore() {
      long n = ok(schedule("s", "* * * * *"), ScheduleCreateResult.class).schedule().nextRunAt();
      tick(n);
      DebugSnapResult before = snap();
      tick(n);
      assertEquals(before, snap());
      assertEquals(1, before.promises().size());
    }

    @Test
    @DisplayName("129: get/delete of a missing schedule → 404; after delete → {}, get → 404, its tick creates nothing")
    void aDeletedScheduleNoLongerFires() {
      status(404, new ScheduleGet("s"));
      assertEquals("Schedule not found", fails(404, new ScheduleDelete("s")));
      long n = ok(schedule("s", "* * * * *"), ScheduleCreateResult.class).schedule().nextRunAt();
      ok(new ScheduleDelete("s"), Empty.class);
      status(404, new ScheduleGet("s"));
      tick(n);
      assertEquals(List.of(), snap().promises());
    }

    @Test
    @DisplayName("130: 12 schedules → search {} gives 10 and a cursor; a tag filter matches promiseTags")
    void scheduleSearchPagesByTen() {
      for (int i = 1; i <= 12; i++) {
        Map<String, String> promiseTags = i % 3 == 0 ? targeted("k", "v") : targeted();
        ok(new ScheduleCreate(String.format("s%02d", i), "* * * * *", "x", 1000, null, promiseTags),
            ScheduleCreateResult.class);
      }
      ScheduleSearchResult all = ok(new ScheduleSearch(null, null, null), ScheduleSearchResult.class);
      assertEquals(10, all.schedules().size());
      assertEquals("s10", all.cursor());
      ScheduleSearchResult tagged = ok(new ScheduleSearch(Map.of("k", "v"), null, null), ScheduleSearchResult.class);
      assertEquals(List.of("s03", "s06", "s09", "s12"), tagged.schedules().stream().map(ScheduleRecord::id).toList());
      assertNull(tagged.cursor());
    }
  }

  @Nested
  @DisplayName("Debug surface")
  class DebugSurface {
    @Test
    @DisplayName("132: debug.reset → {} and every snapshot list empty")
    void resetEmptiesEverything() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q"), Empty.class);
      createTargeted("u");
      ok(listenerData("q", "poll://uni@g/a"), PromiseRegisterListenerResult.class);
      ok(new ScheduleCreate("s", "* * * * *", "x", 1000, null, targeted()), ScheduleCreateResult.class);
      ok(new DebugReset(), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(new DebugSnapResult(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
          snap);
      status(404, new ScheduleGet("s"));
    }

    @Test
    @DisplayName("133: a suspended task shows its callbacks, no task timer, and state suspended")
    void aSnapshotShowsASuspendedTask() {
      taskCreate("t", "w", 60_000);
      create("q");
      ok(suspendData("t", 1, "q"), Empty.class);
      DebugSnapResult snap = snap();
      assertEquals(List.of(new Callback("t", "q")), snap.callbacks());
      assertFalse(snap.taskTimeouts().stream().anyMatch(x -> x.id().equals("t")));
      assertEquals(TaskState.SUSPENDED, taskIn(snap, "t").orElseThrow().state());
    }
  }
}
