package dev.sustain.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Empty;
import dev.sustain.protocol.message.ErrorMessage;
import dev.sustain.protocol.message.PromiseCreateResult;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.validate.RuleOptions;
import dev.sustain.server.core.EngineConfig;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import dev.sustain.server.store.Store;
import dev.sustain.server.store.StoreListener;
import dev.sustain.server.store.StoreUnavailableException;
import dev.sustain.server.store.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of spec §1.5 and the mapping of store failures, through the processor alone (no HTTP). */
class RpcProcessorTest {
  private static final long CLOCK = 42_000L;
  private static final String V = ProtocolVersion.CURRENT;

  private final Vertx vertx = Vertx.vertx();
  private final List<String> loopCalls = new ArrayList<>();
  private final BackgroundLoops loops = new BackgroundLoops() {
    @Override
    public Future<Void> pause() {
      loopCalls.add("pause");
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> resume() {
      loopCalls.add("resume");
      return Future.succeededFuture();
    }
  };

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void authRunsAfterTheEnvelopeAndBeforeTheKindIsResolved() throws Exception {
    AuthHook denyAll = envelope -> Optional.of(new AuthHook.Rejection(401, "Unauthorized"));
    RpcProcessor rpc = processor(memoryStore(), denyAll, false);
    assertError(rpc, "not json", 400, "unknown", "0", null);
    assertError(rpc, envelope("no.such", "{}"), 401, "no.such", "c", "Unauthorized");
  }

  @Test
  void theDebugGateComesBeforeDataDecodingAndTheUnknownKindBeforeBoth() throws Exception {
    RpcProcessor rpc = processor(memoryStore(), AuthHook.NONE, false);
    assertError(rpc, envelope("debug.tick", "{\"time\":\"soon\"}"), 403, "debug.tick", "c",
        "Debug operations are disabled");
    assertError(rpc, envelope("promise.nope", "{\"id\":5}"), 400, "promise.nope", "c",
        "Unknown operation: promise.nope");
    assertError(rpc, envelope("promise.get", "{\"id\":5}"), 400, "promise.get", "c",
        "Invalid request: data.id: expected a string");
  }

  @Test
  void nowIsTheClockUnlessDebugModeSuppliesIt() throws Exception {
    String create = "{\"kind\":\"promise.create\",\"head\":{\"corrId\":\"c\",\"version\":\"" + V
        + "\",\"resonate:debug_time\":7},\"data\":{\"id\":\"p\",\"timeoutAt\":100000}}";
    Response<?> plain = process(processor(memoryStore(), AuthHook.NONE, false), create);
    assertEquals(CLOCK, ((PromiseCreateResult) plain.data()).promise().createdAt());
    Response<?> debug = process(processor(memoryStore(), AuthHook.NONE, true), create);
    assertEquals(7L, ((PromiseCreateResult) debug.data()).promise().createdAt());
  }

  @Test
  void debugStartAndStopControlTheLoopsWithoutTheStore() throws Exception {
    RpcProcessor rpc = processor(new BrokenStore(() -> {
      throw new AssertionError("debug.start/stop must not reach the store");
    }), AuthHook.NONE, true);
    Response<?> start = process(rpc, envelope("debug.start", "{}"));
    Response<?> stop = process(rpc, envelope("debug.stop", "{}"));
    assertEquals(200, start.status());
    assertEquals(Empty.INSTANCE, start.data());
    assertEquals(200, stop.status());
    assertEquals(List.of("pause", "resume"), loopCalls);
  }

  @Test
  void storeFailuresBecome503Or500AndNeverAFailedFuture() throws Exception {
    String get = envelope("promise.get", "{\"id\":\"p\"}");
    assertError(processor(new BrokenStore(() -> Future.failedFuture(new StoreUnavailableException("disk gone"))),
        AuthHook.NONE, false), get, 503, "promise.get", "c", "Store unavailable: disk gone");
    assertError(processor(new BrokenStore(() -> Future.failedFuture(new IllegalStateException("bug"))),
        AuthHook.NONE, false), get, 500, "promise.get", "c", "Internal error");
    assertError(processor(new BrokenStore(() -> {
      throw new IllegalStateException("thrown, not failed");
    }), AuthHook.NONE, false), get, 500, "promise.get", "c", "Internal error");
  }

  private RpcProcessor processor(Store store, AuthHook auth, boolean debug) {
    return new RpcProcessor(ProtocolCodec.DEFAULT, store, () -> CLOCK, auth, loops, debug, RuleOptions.DEFAULT);
  }

  private MemoryStore memoryStore() {
    return new MemoryStore(vertx.getOrCreateContext(), EngineConfig.DEFAULTS, null);
  }

  private static String envelope(String kind, String data) {
    return "{\"kind\":\"" + kind + "\",\"head\":{\"corrId\":\"c\",\"version\":\"" + V + "\"},\"data\":" + data + "}";
  }

  private static Response<?> process(RpcProcessor rpc, String body) throws Exception {
    return rpc.process(body.getBytes(StandardCharsets.UTF_8)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /** Asserts an error answer; a null message only checks that it is a string. */
  private static void assertError(RpcProcessor rpc, String body, int status, String kind, String corrId,
      String message) throws Exception {
    Response<?> response = process(rpc, body);
    assertEquals(status, response.status(), response.toString());
    assertEquals(kind, response.kind());
    assertEquals(corrId, response.head().corrId());
    ErrorMessage error = assertInstanceOf(ErrorMessage.class, response.data());
    if (message != null) {
      assertEquals(message, error.message());
    }
  }

  /** A fake store whose every {@code apply} answers with {@code answer}. */
  private static final class BrokenStore implements Store {
    private final Supplier<Future<Outcome>> answer;

    BrokenStore(Supplier<Future<Outcome>> answer) {
      this.answer = answer;
    }

    @Override
    public Future<Outcome> apply(String corrId, RequestData data, long now) {
      return answer.get();
    }

    @Override
    public Future<Void> tick(long now) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> acknowledge(Collection<OutboxEntry> delivered) {
      return Future.succeededFuture();
    }

    @Override
    public Future<List<OutboxEntry>> outbox(int limit) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public void listener(StoreListener listener) {}

    @Override
    public Future<Boolean> ready() {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
