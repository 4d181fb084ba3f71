package dev.sustain.client;

import static dev.sustain.client.Futures.await;
import static dev.sustain.client.Futures.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.routing.Router;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers of one group over real sockets: SSE and WebSocket members side by side, and a member dying mid-task. */
class WorkerGroupIT {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private static Future<?> createTargeted(SustainClient client, String id, String group) {
    return client.promiseCreate(new PromiseCreate(id, System.currentTimeMillis() + 600_000, Value.EMPTY,
        Map.of(Tags.TARGET, "poll://any@" + group)));
  }

  private static int connections(TestServer server) throws Exception {
    Router.Stats stats = await(server.server().routerStats());
    return stats.connections();
  }

  @Test
  void sseAndWebSocketMembersOfOneGroupShareTheWork() throws Exception {
    try (TestServer server = TestServer.start()) {
      TestWorker sse = new TestWorker(vertx, server.url(), TransportKind.HTTP, "mixed", "sse-1", 60_000);
      TestWorker ws = new TestWorker(vertx, server.url(), TransportKind.WEBSOCKET, "mixed", "ws-1", 60_000);
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 2), "both members registered");

      SustainClient caller = SustainClient.create(vertx, new ClientOptions().setUrl(server.url())
          .setTransport(TransportKind.WEBSOCKET));
      int tasks = 60;
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        created.add(createTargeted(caller, "mixed-" + i, "mixed"));
      }
      await(Future.all(created));
      assertTrue(eventually(15_000, () -> sse.completed.size() + ws.completed.size() == tasks),
          "all tasks completed: sse=" + sse.completed.size() + " ws=" + ws.completed.size());

      assertTrue(sse.completed.size() > 0, "the SSE member got work");
      assertTrue(ws.completed.size() > 0, "the WebSocket member got work");
      Set<String> both = ConcurrentHashMap.newKeySet();
      both.addAll(sse.completed);
      both.retainAll(ws.completed);
      assertTrue(both.isEmpty(), "no task ran on both members: " + both);
      for (int i = 0; i < tasks; i++) {
        assertEquals(PromiseState.RESOLVED,
            await(caller.promiseGet(new PromiseGet("mixed-" + i))).promise().state());
      }
      await(caller.close());
      await(sse.close());
      await(ws.close());
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 0), "both members unregistered");
    }
  }

  @Test
  void aWorkerSocketDroppedMidTaskLeavesNoRegistryEntryAndTheTaskGoesToAnotherMember() throws Exception {
    // Short retry interval: the released lease's task is announced again quickly.
    try (TestServer server = TestServer.start("--tasks-retry-timeout", "300", "--timeouts-poll-interval", "100")) {
      TestWorker doomed = new TestWorker(vertx, server.url(), TransportKind.WEBSOCKET, "drop", "doomed", 1_000)
          .holding();
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 1));

      SustainClient caller = SustainClient.create(vertx, new ClientOptions().setUrl(server.url()));
      await(createTargeted(caller, "drop-task", "drop"));
      assertTrue(eventually(5_000, () -> doomed.acquired.contains("drop-task")), "the first member acquired it");

      TestWorker survivor =
          new TestWorker(vertx, server.url(), TransportKind.WEBSOCKET, "drop", "survivor", 60_000);
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 2));
      await(doomed.close());
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 1), "the dropped socket is unregistered");

      assertTrue(eventually(15_000, () -> survivor.completed.contains("drop-task")),
          "the task was redelivered to the surviving member after the lease lapsed");
      assertFalse(doomed.completed.contains("drop-task"));
      assertEquals(PromiseState.RESOLVED,
          await(caller.promiseGet(new PromiseGet("drop-task"))).promise().state());
      assertEquals(1, connections(server));
      await(survivor.close());
      await(caller.close());
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 0));
    }
  }

  @Test
  void aWorkerWhoseTcpConnectionIsCutWithoutACloseFrameIsUnregisteredAndItsTaskRedelivered() throws Exception {
    try (TestServer server = TestServer.start("--tasks-retry-timeout", "300", "--timeouts-poll-interval", "100")) {
      // A hand-made WebSocket client, so the connection can die the way a crashed process's does: a bare TCP
      // close with no WebSocket close frame.
      NetSocket raw = await(vertx.createNetClient().connect(server.port(), "localhost"));
      StringBuffer received = new StringBuffer();
      raw.handler(bytes -> received.append(bytes.toString(StandardCharsets.ISO_8859_1)));
      raw.write("GET /ws/cut/crashing HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 1));

      SustainClient caller = SustainClient.create(vertx, new ClientOptions().setUrl(server.url()));
      await(createTargeted(caller, "cut-task", "cut"));
      assertTrue(eventually(5_000, () -> received.toString().contains("cut-task")),
          "the execute was pushed on the raw socket");
      String acquire = "{\"kind\":\"task.acquire\",\"head\":{\"corrId\":\"a1\",\"version\":\"2026-04-01\"},"
          + "\"data\":{\"id\":\"cut-task\",\"version\":0,\"pid\":\"crashing\",\"ttl\":1000}}";
      raw.write(maskedTextFrame(acquire));
      assertTrue(eventually(5_000, () -> stateOf(caller, "cut-task") == TaskState.ACQUIRED));

      TestWorker survivor = new TestWorker(vertx, server.url(), TransportKind.HTTP, "cut", "survivor", 60_000);
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 2));
      await(raw.close());
      assertTrue(eventually(5_000, () -> connectionsQuietly(server) == 1), "the cut socket is unregistered");
      assertTrue(eventually(15_000, () -> survivor.completed.contains("cut-task")),
          "the task came back after its lease lapsed and went to the survivor");
      await(survivor.close());
      await(caller.close());
    }
  }

  private static TaskState stateOf(SustainClient client, String id) {
    try {
      return await(client.taskGet(new TaskGet(id))).task().state();
    } catch (Exception e) {
      return null;
    }
  }

  /** One final text frame as a client must send it: masked (with a zero key, which leaves the bytes as they are). */
  private static Buffer maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    Buffer frame = Buffer.buffer().appendByte((byte) 0x81);
    if (payload.length < 126) {
      frame.appendByte((byte) (0x80 | payload.length));
    } else {
      frame.appendByte((byte) (0x80 | 126)).appendUnsignedShort(payload.length);
    }
    return frame.appendInt(0).appendBytes(payload);
  }

  private static int connectionsQuietly(TestServer server) {
    try {
      return connections(server);
    } catch (Exception e) {
      return -1;
    }
  }
}
