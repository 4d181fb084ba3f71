package dev.sustain.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sustain.server.routing.GroupRegistry.Member;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BalancerTest {

  private final GroupRegistry registry = new GroupRegistry(100);
  private final Member a = registry.add(new FakeOutlet(null, "g", "a")).orElseThrow();
  private final Member b = registry.add(new FakeOutlet(null, "g", "b")).orElseThrow();
  private final Member c = registry.add(new FakeOutlet(null, "g", "c")).orElseThrow();
  private final List<Member> all = List.of(a, b, c);
  private final Balancer balancer = new Balancer(1_000, new SplittableRandom(7));

  @Test
  void theLeastLoadedMemberIsChosen() {
    balancer.sent("t1", a, 0);
    balancer.sent("t2", a, 0);
    balancer.sent("t3", b, 0);
    assertEquals(c, balancer.pick(all, m -> true, 0).orElseThrow());
    balancer.consumed("t1");
    balancer.consumed("t2");
    assertEquals(1, balancer.outstanding(b));
    assertEquals(0, balancer.outstanding(a));
    assertTrue(List.of(a, c).contains(balancer.pick(all, m -> true, 0).orElseThrow()));
  }

  @Test
  void tiesAreBrokenUniformlyAtRandom() {
    Map<Member, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      counts.merge(balancer.pick(all, m -> true, 0).orElseThrow(), 1, Integer::sum);
    }
    for (Member m : all) {
      int n = counts.getOrDefault(m, 0);
      assertTrue(n > 850 && n < 1150, "member " + m.id() + " chosen " + n + " of 3000 times");
    }
  }

  @Test
  void ineligibleMembersAreSkippedEvenWhenLeastLoaded() {
    balancer.sent("t1", b, 0);
    assertEquals(b, balancer.pick(all, m -> m == b, 0).orElseThrow());
    assertTrue(balancer.pick(all, m -> false, 0).isEmpty());
  }

  @Test
  void aResentExecuteMovesItsLoadToTheNewMember() {
    balancer.sent("t1", a, 0);
    balancer.sent("t1", b, 0);
    assertEquals(0, balancer.outstanding(a));
    assertEquals(1, balancer.outstanding(b));
    assertEquals(1, balancer.tracked());
  }

  @Test
  void outstandingEntriesExpireSoAnUnansweredTaskDoesNotLeak() {
    balancer.sent("t1", a, 0);
    balancer.sent("t2", a, 500);
    balancer.expire(999);
    assertEquals(2, balancer.outstanding(a));
    balancer.expire(1_000);
    assertEquals(1, balancer.outstanding(a));
    balancer.pick(all, m -> true, 1_500);
    assertEquals(0, balancer.outstanding(a));
    assertEquals(0, balancer.tracked());
  }

  @Test
  void aRemovedMembersLoadIsForgotten() {
    balancer.sent("t1", a, 0);
    balancer.sent("t2", a, 0);
    balancer.sent("t3", b, 0);
    balancer.removed(a);
    assertEquals(0, balancer.outstanding(a));
    assertEquals(1, balancer.tracked());
    balancer.consumed("t1");
    assertEquals(1, balancer.outstanding(b));
  }

  @Test
  void theNumberOfTrackedTasksIsCapped() {
    for (int i = 0; i < Balancer.MAX_TRACKED + 10; i++) {
      balancer.sent("t" + i, a, 0);
    }
    assertEquals(Balancer.MAX_TRACKED, balancer.tracked());
    assertEquals(Balancer.MAX_TRACKED, balancer.outstanding(a));
  }
}
