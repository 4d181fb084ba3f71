package dev.sustain.client;

import static dev.sustain.client.Futures.await;
import static dev.sustain.client.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.Kind;
import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.envelope.ResponseHead;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.DebugStop;
import dev.sustain.protocol.message.DebugTick;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseCreateResult;
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
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.message.TaskSuspendResult;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request kind once over each transport, against a fresh real server per run: the two bindings must give
 * byte-identical answers (corrIds aside). Time is pinned with {@code resonate:debug_time} so the runs are
 * comparable, and {@code debug.start} pauses the background loops so nothing moves between steps.
 */
class ClientConformanceIT {
  private static final long T0 = 1_800_000_000_000L;
  private static final long LATER = T0 + 3_600_000;
  private static final String TARGET = "poll://any@conformance";
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    await(vertx.close());
  }

  /** One scripted step: the data, and the {@code resonate:debug_time} it runs at. */
  private record Step(RequestData data, long time) {}

  private static List<Step> script() {
    Map<String, String> targeted = Map.of(Tags.TARGET, TARGET);
    RequestHead inner = RequestHead.of("inner", ProtocolVersion.CURRENT);
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(new DebugStart(), T0));
    steps.add(new Step(new DebugReset(), T0));
    steps.add(new Step(new PromiseCreate("p1", LATER, new Value(Map.of("h", "v"), "aGk="), Map.of("k", "v")), T0));
    steps.add(new Step(new PromiseGet("p1"), T0));
    steps.add(new Step(new PromiseGet("missing"), T0));
    steps.add(new Step(new PromiseRegisterListener("p1", "poll://uni@conformance/w1"), T0));
    steps.add(new Step(new PromiseCreate("wf", LATER, Value.EMPTY, targeted), T0));
    steps.add(new Step(new TaskGet("wf"), T0));
    steps.add(new Step(new TaskAcquire("wf", 0, "pid", 60_000), T0));
    steps.add(new Step(new TaskHeartbeat("pid", List.of(new TaskRef("wf", 1))), T0));
    steps.add(new Step(new TaskFence("wf", 1,
        Action.of(new PromiseCreate("wf:1", LATER, Value.EMPTY, Map.of()), inner)), T0));
    steps.add(new Step(new TaskSuspend("wf", 1,
        List.of(Action.of(new PromiseRegisterCallback("wf:1", "wf"), inner))), T0));
    steps.add(new Step(new PromiseRegisterCallback("p1", "wf"), T0));
    steps.add(new Step(new PromiseSettle("wf:1", SettleState.RESOLVED, new Value(Map.of(), "b2s=")), T0 + 1));
    steps.add(new Step(new TaskAcquire("wf", 1, "pid", 60_000), T0 + 2));
    steps.add(new Step(new TaskRelease("wf", 2), T0 + 3));
    steps.add(new Step(new TaskCreate("pid", 60_000,
        Action.of(new PromiseCreate("tc", LATER, Value.EMPTY, targeted), inner)), T0 + 4));
    steps.add(new Step(new TaskFulfill("tc", 1,
        Action.of(new PromiseSettle("tc", SettleState.RESOLVED, Value.EMPTY), inner)), T0 + 5));
    steps.add(new Step(new TaskHalt("wf"), T0 + 6));
    steps.add(new Step(new TaskContinue("wf"), T0 + 7));
    steps.add(new Step(new PromiseSearch(PromiseState.PENDING, Map.of(), 10, null), T0 + 8));
    steps.add(new Step(new TaskSearch(null, 10, null), T0 + 8));
    steps.add(new Step(new ScheduleCreate("s1", "0 * * * *", "s1-{{.timestamp}}", 60_000, Value.EMPTY,
        Map.of()), T0 + 9));
    steps.add(new Step(new ScheduleGet("s1"), T0 + 9));
    steps.add(new Step(new ScheduleSearch(Map.of(), 10, null), T0 + 9));
    steps.add(new Step(new ScheduleDelete("s1"), T0 + 10));
    steps.add(new Step(new DebugTick(T0 + 1_000), T0 + 1_000));
    steps.add(new Step(new DebugSnap(), T0 + 1_000));
    steps.add(new Step(new DebugStop(), T0 + 1_000));
    steps.add(new Step(new PromiseSettle("p1", SettleState.RESOLVED, Value.EMPTY), T0 + 1_001));
    return steps;
  }

  /** Runs the script on a fresh server over {@code transport}; each answer as JSON with its corrId blanked. */
  private static List<String> run(TransportKind transport) throws Exception {
    try (TestServer server = TestServer.start("--debug")) {
      SustainClient client = SustainClient.create(vertx, new ClientOptions()
          .setUrl(server.url()).setTransport(transport));
      try {
        List<String> answers = new ArrayList<>();
        int n = 0;
        for (Step step : script()) {
          RequestHead head = new RequestHead("c" + n++, ProtocolVersion.CURRENT, null, step.time(), Map.of());
          Response<?> response = await(client.send(new Request<>(head, step.data())));
          assertEquals(step.data().kind().wire(), response.kind());
          assertEquals(head.corrId(), response.head().corrId());
          answers.add(normalized(response));
        }
        return answers;
      } finally {
        await(client.close());
      }
    }
  }

  private static String normalized(Response<?> r) {
    Response<?> blank = new Response<>(r.kind(), new ResponseHead("-", r.status(), r.head().version()), r.data());
    return new String(ProtocolCodec.DEFAULT.encodeResponse(blank), StandardCharsets.UTF_8);
  }

  @Test
  void everyKindGivesTheSameAnswersOverHttpAndWebSocket() throws Exception {
    Set<Kind> covered = EnumSet.noneOf(Kind.class);
    script().forEach(step -> covered.add(step.data().kind()));
    assertEquals(EnumSet.allOf(Kind.class), covered, "the script must exercise every kind");

    List<String> http = run(TransportKind.HTTP);
    List<String> ws = run(TransportKind.WEBSOCKET);
    assertEquals(http.size(), ws.size());
    for (int i = 0; i < http.size(); i++) {
      assertEquals(http.get(i), ws.get(i), "step " + i + " differs between HTTP and WebSocket");
      assertTrue(!http.get(i).contains("\"status\":500"), "step " + i + " hit a server error: " + http.get(i));
    }
    assertTrue(http.get(3).contains("\"status\":200"), http.get(3));
    assertTrue(http.get(4).contains("\"status\":404"), http.get(4));
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void typedMethodsReturnDataOrFailWithTheStatus(TransportKind transport) throws Exception {
    try (TestServer server = TestServer.start()) {
      SustainClient client = SustainClient.create(vertx, new ClientOptions()
          .setUrl(server.url()).setTransport(transport));
      long timeout = System.currentTimeMillis() + 3_600_000;
      PromiseCreateResult created = await(client.promiseCreate(
          new PromiseCreate("typed", timeout, Value.EMPTY, Map.of(Tags.TARGET, "poll://any@typed"))));
      assertEquals(PromiseState.PENDING, created.promise().state());
      assertEquals("typed", await(client.promiseGet(new PromiseGet("typed"))).promise().id());

      ProtocolStatusException missing = assertInstanceOf(ProtocolStatusException.class,
          failure(client.promiseGet(new PromiseGet("nope"))));
      assertEquals(404, missing.status());
      assertEquals("promise.get", missing.kind());

      TaskAcquireResult acquired = await(client.taskAcquire(new TaskAcquire("typed", 0, "pid", 60_000)));
      assertEquals(1, acquired.task().version());
      ProtocolStatusException stale = assertInstanceOf(ProtocolStatusException.class,
          failure(client.taskAcquire(new TaskAcquire("typed", 0, "pid", 60_000))));
      assertEquals(409, stale.status());

      await(client.promiseCreate(new PromiseCreate("dep", timeout, Value.EMPTY, Map.of())));
      await(client.promiseSettle(new PromiseSettle("dep", SettleState.RESOLVED, Value.EMPTY)));
      RequestHead inner = RequestHead.of("inner", ProtocolVersion.CURRENT);
      Optional<TaskSuspendResult> suspended = await(client.taskSuspend(new TaskSuspend("typed", 1,
          List.of(Action.of(new PromiseRegisterCallback("dep", "typed"), inner)))));
      assertTrue(suspended.isPresent(), "an already settled awaited promise means continue (300)");

      await(client.taskHeartbeat(new TaskHeartbeat("pid", List.of(new TaskRef("typed", 1)))));
      assertEquals(PromiseState.RESOLVED, await(client.taskFulfill(new TaskFulfill("typed", 1,
          Action.of(new PromiseSettle("typed", SettleState.RESOLVED, Value.EMPTY), inner)))).promise().state());

      ProtocolStatusException debugOff = assertInstanceOf(ProtocolStatusException.class,
          failure(client.debugSnap(new DebugSnap())));
      assertEquals(403, debugOff.status());
      await(client.close());
    }
  }
}
