package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.protocol.address.Address;
import dev.sustain.protocol.address.PollAddress;
import dev.sustain.protocol.message.Execute;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.Unblock;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.server.store.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkingLotTest {

  private final ParkingLot lot = new ParkingLot(3);

  private static ParkingLot.Item execute(String address, String task, long version) {
    return new ParkingLot.Item(new OutboxEntry(address, new Execute(null, new TaskRef(task, version))),
        (PollAddress) Address.parse(address).orElseThrow());
  }

  private static ParkingLot.Item unblock(String address, String promise) {
    PromiseRecord record = new PromiseRecord(promise, PromiseState.RESOLVED, null, null, null, 0, 0, 1L);
    return new ParkingLot.Item(new OutboxEntry(address, new Unblock(record)),
        (PollAddress) Address.parse(address).orElseThrow());
  }

  private List<String> drain(String group, String id) {
    List<String> taken = new ArrayList<>();
    lot.flush(group, id, item -> taken.add(item.entry().message() instanceof Execute x
        ? x.task().id() + "@" + x.task().version()
        : ((Unblock) item.entry().message()).promise().id()));
    return taken;
  }

  @Test
  void executesCoalescePerTaskAndTheNewestVersionWinsWhateverTheArrivalOrder() {
    assertTrue(lot.park(execute("poll://any@g", "t", 2), false));
    assertTrue(lot.park(execute("poll://any@g", "t", 1), false));
    assertTrue(lot.park(execute("poll://any@g", "t", 3), false));
    assertEquals(1, lot.size());
    assertFalse(lot.contains(execute("poll://any@g", "t", 2).entry()));
    assertEquals(List.of("t@3"), drain("g", null));
    assertEquals(0, lot.size());
    assertFalse(lot.hasGroup("g"));
  }

  @Test
  void unblocksCoalescePerPromiseAndAddress() {
    lot.park(unblock("poll://uni@g/a", "p"), true);
    lot.park(unblock("poll://uni@g/a", "p"), true);
    lot.park(unblock("poll://uni@g/b", "p"), true);
    assertEquals(2, lot.size());
  }

  @Test
  void aFullGroupRefusesNewMessagesButStillReplacesParkedOnes() {
    lot.park(execute("poll://any@g", "a", 0), false);
    lot.park(execute("poll://any@g", "b", 0), false);
    lot.park(execute("poll://any@g", "c", 0), false);
    assertFalse(lot.park(execute("poll://any@g", "d", 0), false));
    assertTrue(lot.park(execute("poll://any@g", "a", 1), false));
    assertTrue(lot.park(execute("poll://any@other", "d", 0), false), "the bound is per group");
    assertEquals(4, lot.size());
  }

  @Test
  void aFlushStopsAtTheFirstRefusalAndKeepsTheRestInOrder() {
    lot.park(execute("poll://any@g", "a", 0), false);
    lot.park(execute("poll://any@g", "b", 0), false);
    lot.park(execute("poll://any@g", "c", 0), false);
    List<String> taken = new ArrayList<>();
    lot.flush("g", null, item -> {
      if (taken.size() == 1) {
        return false;
      }
      taken.add(((Execute) item.entry().message()).task().id());
      return true;
    });
    assertEquals(List.of("a"), taken);
    assertEquals(List.of("b@0", "c@0"), drain("g", null));
  }

  @Test
  void aFlushForOneIdLeavesOtherIdsWaiting() {
    lot.park(execute("poll://uni@g/x", "for-x", 0), true);
    lot.park(execute("poll://uni@g/y", "for-y", 0), true);
    assertEquals(List.of("for-x@0"), drain("g", "x"));
    assertEquals(1, lot.size());
  }

  @Test
  void whenAWorkerDepartsItsAnycastsMoveToTheGroupAndItsUnicastsStay() {
    lot.park(execute("poll://any@g/w", "any-task", 0), true);
    lot.park(execute("poll://uni@g/w", "uni-task", 0), true);
    lot.departed("g", "w");
    List<String> taken = new ArrayList<>();
    // A taker that only accepts group-queue items: unicasts for w must not be offered as deliverable to others.
    lot.flush("g", "other", item -> taken.add(((Execute) item.entry().message()).task().id()));
    assertEquals(List.of("any-task"), taken);
    assertEquals(List.of("uni-task@0"), drain("g", "w"));
  }
}
