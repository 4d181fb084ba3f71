package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.routing.GroupRegistry.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupRegistryTest {

  private static FakeOutlet outlet(String group, String id) {
    return new FakeOutlet(null, group, id);
  }

  @Test
  void connectionsSharingGroupAndIdAreSeparateMembersAndRemovalIsExact() {
    GroupRegistry registry = new GroupRegistry(10);
    Member a = registry.add(outlet("g", "w")).orElseThrow();
    Member b = registry.add(outlet("g", "w")).orElseThrow();
    Member c = registry.add(outlet("g", "x")).orElseThrow();
    assertNotEquals(a.connectionId(), b.connectionId());
    assertEquals(List.of(a, b), registry.withId("g", "w"));
    assertEquals(List.of(a, b, c), registry.members("g"));

    assertTrue(registry.remove(a));
    assertFalse(registry.remove(a));
    assertEquals(List.of(b), registry.withId("g", "w"));
    assertFalse(registry.contains(a));
    assertTrue(registry.contains(b));
  }

  @Test
  void anEmptiedGroupIsDropped() {
    GroupRegistry registry = new GroupRegistry(10);
    Member a = registry.add(outlet("g", "w")).orElseThrow();
    registry.add(outlet("h", "w")).orElseThrow();
    assertEquals(2, registry.groupCount());
    registry.remove(a);
    assertEquals(1, registry.groupCount());
    assertEquals(List.of(), registry.members("g"));
  }

  @Test
  void theConnectionCapRefusesRegistrationsUntilOneCloses() {
    GroupRegistry registry = new GroupRegistry(2);
    Member a = registry.add(outlet("g", "1")).orElseThrow();
    registry.add(outlet("g", "2")).orElseThrow();
    assertTrue(registry.add(outlet("g", "3")).isEmpty());
    registry.remove(a);
    assertTrue(registry.add(outlet("g", "3")).isPresent());
    assertEquals(2, registry.size());
  }

  @Test
  void aThousandConnectDisconnectCyclesLeaveNothingBehind() {
    GroupRegistry registry = new GroupRegistry(5);
    for (int i = 0; i < 1000; i++) {
      Member m = registry.add(outlet("g" + (i % 7), "w" + (i % 3))).orElseThrow();
      assertTrue(registry.remove(m));
    }
    assertEquals(0, registry.size());
    assertEquals(0, registry.groupCount());
  }
}
