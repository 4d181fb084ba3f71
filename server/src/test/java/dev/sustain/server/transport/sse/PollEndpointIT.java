package dev.sustain.server.transport.sse;

import static dev.sustain.server.transport.sse.PollHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SSE poll endpoint and HTTP push over real sockets against a real server (spec §8 cases 141–146). */
class PollEndpointIT {

  @Test
  void case141ATargetedPromiseEmitsOneExecuteEventOnTheWorkersStream() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker w1 = h.connect("default", "w1");
      assertEquals("text/event-stream", w1.header("Content-Type"));
      assertEquals("no-cache", w1.header("Cache-Control"));

      h.createPromise("p141", "poll://uni@default/w1");
      eventually(5, "execute on w1", () -> w1.messages.size() == 1);
      String json = w1.data.get(0);
      assertTrue(json.startsWith("{\"kind\":\"execute\",\"head\":{\"serverUrl\":\"http://"), json);
      assertTrue(json.indexOf('\n') < 0, "one single-line data field");
      Execute execute = assertInstanceOf(Execute.class, w1.messages.get(0));
      assertEquals("p141", execute.task().id());
      assertEquals(0, execute.task().version());
      assertTrue(execute.serverUrl().startsWith("http://"));
    }
  }

  @Test
  void case142AnycastWithIdGoesToThatWorkerAndGroupAnycastToExactlyOneMember() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker w1 = h.connect("default", "w1");
      SseWorker w2 = h.connect("default", "w2");
      for (int i = 0; i < 10; i++) {
        h.createPromise("to-w2-" + i, "poll://any@default/w2");
      }
      eventually(5, "10 executes on w2", () -> w2.executes().size() == 10);
      assertEquals(0, w1.executes().size());

      for (int i = 0; i < 40; i++) {
        h.createPromise("any-" + i, "poll://any@default");
      }
      eventually(5, "every anycast delivered", () -> w1.executes().size() + w2.executes().size() == 50);
      Set<String> ids = new HashSet<>();
      Stream.concat(w1.executes().stream(), w2.executes().stream()).forEach(x -> ids.add(x.task().id()));
      assertEquals(50, ids.size(), "no execute went to both workers");
    }
  }

  @Test
  void case143AnExecuteForAGroupWithoutWorkersWaitsAndIsDeliveredWhenOneConnects() {
    try (PollHarness h = PollHarness.start("--debug")) {
      h.createPromise("p143", "poll://any@g");
      assertEquals(1, h.outbox().size(), "undelivered: still in the outbox");

      SseWorker late = h.connect("g", "late");
      eventually(5, "parked execute delivered on connect", () -> late.executes().size() == 1);
      assertEquals("p143", late.executes().get(0).task().id());
      eventually(5, "acknowledged", () -> h.outbox().isEmpty());
    }
  }

  @Test
  void case144OnePollConnectionTooManyIsAnswered503() {
    try (PollHarness h = PollHarness.start("--transports-http-poll-max-connections", "1")) {
      h.connect("default", "w1");
      SseWorker second = h.open("/poll/default/w2");
      assertEquals(503, second.status());
      assertEquals("Poll registration at capacity", second.body());
    }
  }

  @Test
  void case145AListenerAddressReceivesTheSettledPromiseAsUnblock() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker w1 = h.connect("default", "w1");
      h.createPromise("p145", null);
      assertEquals(200, h.rpc("promise.register_listener",
          new JsonObject().put("awaited", "p145").put("address", "poll://uni@default/w1")).status());
      assertEquals(200, h.rpc("promise.settle", new JsonObject()
          .put("id", "p145").put("state", "resolved").put("value", new JsonObject())).status());
      eventually(5, "unblock on w1", () -> w1.messages.size() == 1);
      assertTrue(w1.data.get(0).startsWith("{\"kind\":\"unblock\",\"head\":{},\"data\":{\"promise\":"), w1.data.get(0));
      Unblock unblock = assertInstanceOf(Unblock.class, w1.messages.get(0));
      assertEquals("p145", unblock.promise().id());
      assertEquals(PromiseState.RESOLVED, unblock.promise().state());
    }
  }

  @Test
  void case146AnHttpTargetGetsTheExecutePostedOnceAndA500IsNotRetried() {
    Vertx hookVertx = Vertx.vertx();
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    HttpServer hook = hookVertx.createHttpServer().requestHandler(request -> {
      contentTypes.add(String.valueOf(request.getHeader("Content-Type")));
      request.body().onSuccess(body -> {
        bodies.add(body.toString());
        request.response().setStatusCode(request.path().endsWith("/fail") ? 500 : 204).end();
      });
    });
    int hookPort = PollHarness.await(hook.listen(0, "127.0.0.1")).actualPort();
    try (PollHarness h = PollHarness.start("--debug", "--delivery-sweep-interval", "100")) {
      h.createPromise("p146", "http://127.0.0.1:" + hookPort + "/hook/fail");
      eventually(5, "hook called", () -> bodies.size() == 1);
      assertEquals("application/json", contentTypes.get(0));
      Execute execute = assertInstanceOf(Execute.class,
          dev.sustain.protocol.codec.ProtocolCodec.DEFAULT.decodeMessage(bodies.get(0).getBytes()));
      assertEquals("p146", execute.task().id());
      Thread.sleep(1_000);
      assertEquals(1, bodies.size(), "a failed push is not retried by the sweep within its back-off");
      assertEquals(1, h.outbox().size(), "the failed message stays in the outbox for the retry timer");

      h.createPromise("p146-ok", "http://127.0.0.1:" + hookPort + "/hook/ok");
      eventually(5, "second hook call", () -> bodies.size() == 2);
      eventually(5, "the delivered push is acknowledged", () -> h.outbox().size() == 1);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      PollHarness.await(hookVertx.close());
    }
  }

  @Test
  void keepAliveCommentsFlowOnAnIdleStream() {
    try (PollHarness h = PollHarness.start("--transports-http-poll-keep-alive", "50")) {
      SseWorker w = h.connect("default", "idle");
      eventually(5, "three keep-alive comments", () -> w.comments.get() >= 3);
      assertEquals(0, w.messages.size(), "comments are not events");
    }
  }

  @Test
  void percentEncodedSegmentsAndTheDoubleSlashPathAreServed() {
    try (PollHarness h = PollHarness.start()) {
      SseWorker w = h.open("//poll/g_1/w%2F1");
      assertEquals(200, w.status());
      h.createPromise("p-enc", "poll://uni@g_1/w/1");
      eventually(5, "execute on the decoded id", () -> w.executes().size() == 1);
      assertEquals(400, h.open("/poll/g/%zz").status());
    }
  }

  @Test
  void aHundredConnectDisconnectCyclesLeakNoRegistration() {
    try (PollHarness h = PollHarness.start("--transports-http-poll-max-connections", "3")) {
      for (int i = 0; i < 100; i++) {
        SseWorker w = h.connect("g" + (i % 4), "w" + (i % 2));
        w.disconnect();
      }
      eventually(5, "the registry is empty again", () -> {
        var stats = PollHarness.await(h.server().routerStats());
        return stats.connections() == 0 && stats.groups() == 0 && stats.inFlight() == 0;
      });
      // A leaked registration would also count against the cap of 3 and turn one of these into a 503.
      eventually(5, "all registrations released", () -> {
        SseWorker probe = h.open("/poll/probe/x");
        boolean ok = probe.status() == 200;
        probe.disconnect();
        return ok;
      });
      SseWorker a = h.connect("g", "a");
      SseWorker b = h.connect("g", "b");
      SseWorker c = h.connect("g", "c");
      h.createPromise("after-cycles", "poll://any@g");
      eventually(5, "delivered to a live member", () ->
          a.executes().size() + b.executes().size() + c.executes().size() == 1);
    }
  }

  @Test
  void shutdownEndsEveryStream() {
    PollHarness h = PollHarness.start();
    SseWorker a = h.connect("g", "a");
    SseWorker b = h.connect("g", "b");
    PollHarness.await(h.server().close());
    PollHarness.await(a.ended());
    PollHarness.await(b.ended());
    h.close();
  }
}
