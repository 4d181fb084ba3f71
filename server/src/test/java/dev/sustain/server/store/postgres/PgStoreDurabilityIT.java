package dev.sustain.server.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.message.DebugSnap;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseGetResult;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.SettleState;
import dev.sustain.protocol.model.Tags;
import dev.sustain.protocol.model.Value;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.store.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a store answered 200 survives closing it: a second store opened on the same schema (a restart) answers
 * the same records, the same {@code debug.snap}, and still holds the undelivered messages for redelivery, oldest
 * first, until they are acknowledged.
 */
class PgStoreDurabilityIT {
  private static final long NOW = 1_767_225_600_000L;

  @Test
  void aReopenedStoreSeesEverythingAnsweredBeforeTheClose() {
    String schema = PgTestSupport.freshSchema();
    List<PromiseRecord> answered = new ArrayList<>();
    Outcome snapBefore;
    try (PgStoreDriver first = PgStoreDriver.open(schema, 4)) {
      for (int i = 0; i < 50; i++) {
        Map<String, String> tags = i % 2 == 0 ? Map.of(Tags.TARGET, "poll://any@default") : Map.of();
        Outcome created =
            PgTestSupport.await(
                first.answer("c", new PromiseCreate("d" + i, NOW + 60_000, Value.of("p" + i), tags), NOW));
        assertEquals(200, created.status());
      }
      assertEquals(200, PgTestSupport.await(first.answer("c", new TaskAcquire("d0", 0, "w", 30_000), NOW)).status());
      assertEquals(
          200,
          PgTestSupport.await(first.answer("c", new PromiseRegisterListener("d1", "poll://uni@g/x"), NOW)).status());
      assertEquals(
          200,
          PgTestSupport.await(
                  first.answer("c", new PromiseSettle("d1", SettleState.REJECTED, Value.of("no")), NOW + 1))
              .status());
      for (int i = 0; i < 50; i++) {
        Outcome got = PgTestSupport.await(first.answer("c", new PromiseGet("d" + i), NOW + 1));
        answered.add(assertInstanceOf(PromiseGetResult.class, got.data()).promise());
      }
      snapBefore = PgTestSupport.await(first.answer("snap", new DebugSnap(), NOW + 1));
      // Closing the first driver drops the schema, so keep it: reopen on the same schema before it is dropped.
      try (PgStoreDriver second = PgStoreDriver.open(schema, 2)) {
        PgTestSupport.await(first.store().close());
        for (int i = 0; i < 50; i++) {
          Outcome got = PgTestSupport.await(second.answer("c", new PromiseGet("d" + i), NOW + 1));
          assertEquals(answered.get(i), assertInstanceOf(PromiseGetResult.class, got.data()).promise());
        }
        assertEquals(snapBefore, PgTestSupport.await(second.answer("snap", new DebugSnap(), NOW + 1)));

        List<OutboxEntry> outbox = PgTestSupport.await(second.store().outbox(1_000));
        // 25 targeted creates queued executes; d0's was consumed by nothing (acquire does not ack), so all 25
        // remain, plus the unblock of d1 to its listener.
        assertEquals(26, outbox.size(), outbox.toString());
        assertTrue(outbox.get(0).message() instanceof Execute, "oldest first: the first create's execute");
        assertEquals("d0", ((Execute) outbox.get(0).message()).task().id());
        OutboxEntry unblock = outbox.get(outbox.size() - 1);
        assertEquals("d1", ((Unblock) unblock.message()).promise().id());
        assertEquals(SettleState.REJECTED.promiseState(), ((Unblock) unblock.message()).promise().state());

        PgTestSupport.await(second.store().acknowledge(outbox.subList(0, 10)));
        PgTestSupport.await(second.store().acknowledge(List.of(unblock)));
        List<OutboxEntry> rest = PgTestSupport.await(second.store().outbox(1_000));
        assertEquals(15, rest.size());
        assertEquals(outbox.subList(10, 25), rest);
      }
    }
  }
}
