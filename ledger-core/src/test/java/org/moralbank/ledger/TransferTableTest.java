package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The idempotency table against a {@link HashMap} model: random puts, lookups, value changes and
 * removals, with ids counting up, random, crowded into a few groups of eight, or mixed, from a
 * table sized far too small so that it grows; then the journal order it lists them in.
 */
class TransferTableTest {
  enum Ids {
    SEQUENTIAL, RANDOM, FEW_GROUPS, MIXED
  }

  record Plan(Ids ids, long seed, int steps) {}

  @Provide
  Arbitrary<Plan> plans() {
    return Combinators.combine(
            Arbitraries.of(Ids.class), Arbitraries.longs(), Arbitraries.integers().between(1, 3000))
        .as(Plan::new);
  }

  @Property(tries = 400)
  void behavesLikeAMap_throughGrowthAndRemovals_andListsInJournalOrder(@ForAll("plans") Plan plan) {
    Random random = new Random(plan.seed());
    TransferTable table = new TransferTable(random.nextInt(4));
    Map<TransferId, Long> model = new HashMap<>();
    List<TransferId> seen = new ArrayList<>();
    long next = 1;
    // Each id gets its own (sequence, index) place, as a journal gives it.
    long sequence = 1;
    int index = 0;
    for (int step = 0; step < plan.steps(); step++) {
      int op = random.nextInt(10);
      if (op < 6 || model.isEmpty()) {
        TransferId id = switch (plan.ids()) {
          case SEQUENTIAL -> TransferId.of(next++);
          case RANDOM -> TransferId.random();
          case FEW_GROUPS -> new TransferId(random.nextInt(3), random.nextInt(5) * 8L + random.nextInt(8) + 1);
          case MIXED -> random.nextBoolean() ? TransferId.of(next++) : TransferId.random();
        };
        if (model.containsKey(id)) {
          assertThrows(IllegalStateException.class, () -> table.put(id, 0));
          continue;
        }
        if (random.nextBoolean()) {
          sequence += 1 + random.nextInt(3);
          index = random.nextInt(2);
        } else {
          index += 1 + random.nextInt(2);
        }
        long value = TransferTable.pack(sequence, index, random.nextInt(6));
        table.put(id, value);
        model.put(id, value);
        seen.add(id);
      } else if (op < 7) {
        TransferId id = seen.get(random.nextInt(seen.size()));
        if (model.containsKey(id)) {
          long value = TransferTable.withOutcome(model.get(id), random.nextInt(6));
          table.set(id, value);
          model.put(id, value);
        } else {
          assertThrows(IllegalStateException.class, () -> table.set(id, 0));
        }
      } else if (op < 9) {
        TransferId id = seen.get(random.nextInt(seen.size()));
        if (model.remove(id) != null) {
          table.remove(id);
        } else {
          assertThrows(IllegalStateException.class, () -> table.remove(id));
        }
      } else {
        // A lookup of every id ever put, and of one never put.
        for (TransferId id : seen) {
          assertEquals(model.getOrDefault(id, TransferTable.ABSENT), table.get(id), () -> "id " + id);
        }
        assertEquals(TransferTable.ABSENT, table.get(new TransferId(7, random.nextLong() | 1)));
      }
      assertEquals(model.size(), table.size());
    }
    for (TransferId id : seen) {
      assertEquals(model.getOrDefault(id, TransferTable.ABSENT), table.get(id), () -> "id " + id);
    }
    // Journal order: by sequence, then by index; the model's entries sorted the same way.
    List<Map.Entry<TransferId, Long>> expected = new ArrayList<>(model.entrySet());
    expected.sort(Map.Entry.comparingByValue());
    Map<TransferId, Long> listed = new LinkedHashMap<>();
    table.inJournalOrder(sequence + 1, (high, low, value) -> listed.put(new TransferId(high, low), value));
    assertEquals(expected, new ArrayList<>(listed.entrySet()));
  }

  @Example
  void packsSequenceIndexAndOutcome() {
    long v = TransferTable.pack(TransferTable.MAX_SEQUENCE, 0xFFFF, TransferTable.EXPIRED);
    assertEquals(TransferTable.MAX_SEQUENCE, TransferTable.sequence(v));
    assertEquals(0xFFFF, TransferTable.index(v));
    assertEquals(TransferTable.EXPIRED, TransferTable.outcome(v));
    assertEquals(TransferTable.POSTED, TransferTable.outcome(TransferTable.withOutcome(v, TransferTable.POSTED)));
    assertEquals(TransferTable.MAX_SEQUENCE, TransferTable.sequence(TransferTable.withOutcome(v, TransferTable.POSTED)));
    assertThrows(IllegalStateException.class, () -> TransferTable.pack(TransferTable.MAX_SEQUENCE + 1, 0, 0));
  }

  @Example
  void refusesADuplicate_andAnUnknownId_changingNothing() {
    TransferTable table = new TransferTable(0);
    table.put(TransferId.of(1), TransferTable.pack(1, 0, TransferTable.APPLIED));
    table.put(TransferId.of(2), TransferTable.pack(2, 0, TransferTable.PENDING));
    assertThrows(IllegalStateException.class, () -> table.put(TransferId.of(1), 5));
    assertThrows(IllegalStateException.class, () -> table.remove(TransferId.of(3)));
    assertThrows(IllegalStateException.class, () -> table.set(TransferId.of(3), 5));
    assertEquals(2, table.size());
    assertEquals(TransferTable.pack(1, 0, TransferTable.APPLIED), table.get(TransferId.of(1)));
    assertEquals(TransferTable.pack(2, 0, TransferTable.PENDING), table.get(TransferId.of(2)));
  }

  @Example
  void journalOrder_refusesTwoIdsInOnePlace() {
    TransferTable table = new TransferTable(0);
    table.put(TransferId.of(1), TransferTable.pack(1, 0, TransferTable.APPLIED));
    table.put(TransferId.of(2), TransferTable.pack(1, 0, TransferTable.REJECTED));
    assertThrows(IllegalStateException.class, () -> table.inJournalOrder(2, (h, l, v) -> { }));
  }
}
