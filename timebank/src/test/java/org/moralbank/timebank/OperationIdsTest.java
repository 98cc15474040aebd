package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.ALICE;
import static org.moralbank.timebank.Fixture.FRANK;
import static org.moralbank.timebank.Fixture.accept;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.store.JournalRecord;

/** Seeded operation ids make whole journals reproducible; the default never repeats. */
class OperationIdsTest {

  /** Deposits at home and at another branch, a cross-branch booking delivered: every id source. */
  private static Map<String, List<JournalRecord>> run(OperationIds ids) throws Exception {
    try (Fixture f = new Fixture(p -> p, c -> c, ids)) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      f.deposit("merchants", ALICE, 45);
      BookingRef b = accept(f.branch("merchants").redeem(
          Redemption.service(ALICE, FRANK, "errands", Minutes.of(30))));
      accept(f.branch("merchants").deliver(new Delivery(b, ALICE)));
      Map<String, List<JournalRecord>> journals = new TreeMap<>();
      f.stores.stores.forEach((branch, store) -> journals.put(branch, store.records()));
      return journals;
    }
  }

  @Test
  void theSameSeed_givesByteIdenticalJournals_anotherSeedDoesNot() throws Exception {
    Map<String, List<JournalRecord>> first = run(OperationIds.seeded(2025));
    Map<String, List<JournalRecord>> second = run(OperationIds.seeded(2025));
    Map<String, List<JournalRecord>> other = run(OperationIds.seeded(2026));

    assertEquals(first.keySet(), second.keySet());
    first.forEach((branch, records) -> {
      List<JournalRecord> again = second.get(branch);
      assertEquals(records.size(), again.size(), branch);
      for (int i = 0; i < records.size(); i++) {
        assertEquals(records.get(i).hash(), again.get(i).hash(), branch + " record " + i);
      }
    });
    assertNotEquals(last(first, "flowers"), last(other, "flowers"));
  }

  @Test
  void randomIds_differBetweenRuns() throws Exception {
    assertNotEquals(last(run(OperationIds.secureRandom()), "flowers"),
        last(run(OperationIds.secureRandom()), "flowers"));
  }

  @Test
  void aSeededSource_neverRepeatsInAMillionIds_andReplaysFromItsSeed() {
    OperationIds ids = OperationIds.seeded(0);
    Set<TransferId> seen = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      assertTrue(seen.add(ids.next()), "repeat at " + i);
    }
    List<TransferId> a = new ArrayList<>();
    List<TransferId> b = new ArrayList<>();
    OperationIds x = OperationIds.seeded(99);
    OperationIds y = OperationIds.seeded(99);
    for (int i = 0; i < 100; i++) {
      a.add(x.next());
      b.add(y.next());
    }
    assertEquals(a, b);
  }

  @Test
  void openingWithoutAnIdSource_isANullPointerException() {
    Fixture.Stores stores = new Fixture.Stores();
    NullPointerException e = assertThrows(NullPointerException.class, () -> TimeBank.open(
        org.moralbank.timebank.policy.BankConfig.of("b"), stores,
        new org.moralbank.timebank.member.InMemoryMemberRegistry(), java.time.Clock.systemUTC(), null));
    assertEquals("ids == null", e.getMessage());
  }

  private static Object last(Map<String, List<JournalRecord>> journals, String branch) {
    List<JournalRecord> r = journals.get(branch);
    return r.get(r.size() - 1).hash();
  }
}
