package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The idempotency table against a {@link HashMap} model: random puts, lookups and removals of the
 * latest entry (the only removal undo makes), with ids counting up, random, crowded into a few
 * groups of eight, or all in one run, from a table sized far too small so that it grows.
 */
class TransferTableTest {
  private static final AccountId A = new AccountId(0, 1);
  private static final AccountId B = new AccountId(0, 2);

  enum Ids {
    SEQUENTIAL, RANDOM, FEW_GROUPS, MIXED
  }

  record Plan(Ids ids, long seed, int steps, boolean verifying) {}

  @Provide
  Arbitrary<Plan> plans() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(Ids.class), Arbitraries.longs(), Arbitraries.integers().between(1, 3000),
            Arbitraries.of(false, true))
        .as(Plan::new);
  }

  @Property(tries = 400)
  void behavesLikeAMap_throughGrowthAndRemovals(@ForAll("plans") Plan plan) {
    Random random = new Random(plan.seed());
    BranchState.TransferEntry applied = plan.verifying() ? entry(TransferId.of(-2), false, null) : null;
    BranchState.TransferEntry rejected = plan.verifying()
        ? entry(TransferId.of(-3), false, RejectionReason.LINKED_TRANSFER_FAILED) : null;
    TransferTable table = new TransferTable(random.nextInt(4), applied, rejected);
    Map<TransferId, BranchState.TransferEntry> model = new HashMap<>();
    Deque<BranchState.TransferEntry> order = new ArrayDeque<>();
    List<TransferId> seen = new ArrayList<>();
    long next = 1;
    for (int step = 0; step < plan.steps(); step++) {
      int op = random.nextInt(10);
      if (op < 6 || order.isEmpty()) {
        TransferId id = switch (plan.ids()) {
          case SEQUENTIAL -> TransferId.of(next++);
          case RANDOM -> TransferId.random();
          case FEW_GROUPS -> new TransferId(random.nextInt(3), random.nextInt(5) * 8L + random.nextInt(8) + 1);
          case MIXED -> random.nextBoolean() ? TransferId.of(next++) : TransferId.random();
        };
        if (model.containsKey(id)) {
          TransferId dup = id;
          assertThrows(IllegalStateException.class, () -> table.put(entry(dup, false, null)));
          continue;
        }
        BranchState.TransferEntry e = entry(id, random.nextInt(3) == 0,
            random.nextInt(4) == 0 ? RejectionReason.ZERO_AMOUNT : null);
        table.put(e);
        model.put(id, e);
        order.push(e);
        seen.add(id);
      } else if (op < 8) {
        BranchState.TransferEntry latest = order.pop();
        table.removeLatest(latest.request.id());
        model.remove(latest.request.id());
      } else {
        // A lookup of every id ever put, and of some never put.
        for (TransferId id : seen) {
          assertSame(expected(model.get(id), applied, rejected), table.get(id), () -> "id " + id);
        }
        assertNull(table.get(new TransferId(7, random.nextLong() | 1)));
      }
      assertEquals(model.size(), table.size());
    }
    for (TransferId id : seen) {
      assertSame(expected(model.get(id), applied, rejected), table.get(id), () -> "id " + id);
    }
    List<BranchState.TransferEntry> kept = new ArrayList<>(order);
    java.util.Collections.reverse(kept);
    if (plan.verifying()) {
      kept.removeIf(e -> expected(e, applied, rejected) != e);
    }
    assertArrayEquals(kept.toArray(), table.entries(), "entries in the order they were put");
  }

  @Example
  void refusesADuplicate_andARemovalThatIsNotTheLatest_changingNothing() {
    TransferTable table = new TransferTable(0, null, null);
    BranchState.TransferEntry first = entry(TransferId.of(1), false, null);
    BranchState.TransferEntry second = entry(TransferId.of(2), false, null);
    table.put(first);
    table.put(second);
    assertThrows(IllegalStateException.class, () -> table.put(entry(TransferId.of(1), true, null)));
    assertThrows(IllegalStateException.class, () -> table.removeLatest(TransferId.of(1)));
    assertThrows(IllegalStateException.class, () -> table.removeLatest(TransferId.of(3)));
    assertEquals(2, table.size());
    assertSame(first, table.get(TransferId.of(1)));
    assertSame(second, table.get(TransferId.of(2)));
    assertArrayEquals(new Object[] {first, second}, table.entries());
  }

  private static BranchState.TransferEntry expected(
      BranchState.TransferEntry e, BranchState.TransferEntry applied, BranchState.TransferEntry rejected) {
    if (e == null || applied == null || (e.rejection == null && e.request instanceof TransferRequest.Pending)) {
      return e;
    }
    return e.rejection == null ? applied : rejected;
  }

  private static BranchState.TransferEntry entry(TransferId id, boolean pending, RejectionReason rejection) {
    TransferRequest request = pending
        ? TransferRequest.Pending.of(id, A, B, Minutes.of(5), 1, Duration.ofMinutes(1))
        : TransferRequest.Single.of(id, A, B, Minutes.of(5), 1);
    return new BranchState.TransferEntry(request, 1, 1, rejection);
  }
}
