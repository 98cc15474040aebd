package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moralbank.timebank.policy.Policies;

/** Issue rules 5 and 7: stars, honour lists, statements (对账单), disclosure reports (居务公开). */
class ReportsTest {
  static final LocalDate MARCH = LocalDate.of(2025, 3, 1);
  static final LocalDate APRIL = LocalDate.of(2025, 4, 1);
  static final LocalDate MAY = LocalDate.of(2025, 5, 1);

  @Test
  void starRatings_fromCumulativeHours_100_300_600_1000_1500() throws Exception {
    try (Fixture f = new Fixture(p -> p.withBalanceCap(java.util.Optional.empty()).withService(
        new Policies.Service(Duration.ofDays(30), h(24), true)))) {
      f.enrol("flowers", ALICE);
      int[] expected = {0, 1, 1, 2, 3, 4, 5};
      long[] hours = {99, 100, 299, 300, 600, 1000, 1500};
      long done = 0;
      for (int i = 0; i < hours.length; i++) {
        while (done < hours[i]) {
          long step = Math.min(12, hours[i] - done);
          f.deposit("flowers", ALICE, step * 60);
          f.clock.advance(Duration.ofDays(1));
          done += step;
        }
        assertEquals(expected[i], f.branch("flowers").balance(ALICE).orElseThrow().stars(), hours[i] + " hours");
      }
    }
  }

  @Test
  void stars_followTheBanksThresholds() {
    Policies.Honours h = new Policies.Honours(List.of(h(10), h(20)), 5, Policies.HonourNaming.PSEUDONYM);
    assertEquals(0, h.starsFor(599));
    assertEquals(1, h.starsFor(600));
    assertEquals(2, h.starsFor(1200));
    assertThrows(IllegalArgumentException.class, () -> new Policies.Honours(List.of(h(20), h(10)), 5, Policies.HonourNaming.PSEUDONYM));
  }

  @Test
  void honourLists_perBranchAndPeriod_byPseudonymByDefault() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      f.deposit("flowers", BOB, 180);
      f.deposit("flowers", CAROL, 60);
      f.deposit("flowers", FRANK, 600);
      f.clock.set(java.time.Instant.parse("2025-04-10T00:00:00Z"));
      f.deposit("flowers", CAROL, 240);
      BranchReport march = f.branch("flowers").report(MARCH, APRIL);
      assertEquals(List.of(
              new HonourEntry(1, "bob", m(180), 0),
              new HonourEntry(2, "alice", m(120), 0),
              new HonourEntry(3, "carol", m(60), 0)),
          march.honours(), "members of the branch; frank belongs to merchants");
      assertEquals("carol", f.branch("flowers").report(APRIL, MAY).honours().get(0).name());
      assertEquals(List.of("frank"), f.branch("merchants").report(MARCH, MAY).honours().stream().map(HonourEntry::name).toList());
      assertEquals(List.of(3, 0, 0, 0, 0, 0), march.stars());
    }
  }

  @Test
  void honourLists_byDisplayName_whenTheBankChooses_neverOtherPersonalData() throws Exception {
    try (Fixture f = new Fixture(p -> p.withHonours(new Policies.Honours(Policies.Honours.defaults().stars(), 1, Policies.HonourNaming.DISPLAY_NAME)))) {
      f.enrol("flowers", ALICE, BOB);
      f.deposit("flowers", ALICE, 120);
      f.deposit("flowers", BOB, 60);
      BranchReport r = f.branch("flowers").report(MARCH, APRIL);
      assertEquals(List.of(new HonourEntry(1, "Alice Li", m(120), 0)), r.honours());
      String text = r.toString();
      assertFalse(text.contains("1985"), text);
      assertFalse(text.contains("Bob"), "list size 1");
      f.registry.erase(ALICE);
      assertEquals("alice", f.branch("flowers").report(MARCH, APRIL).honours().get(0).name(), "an erased member falls back to the pseudonym");
    }
  }

  @Test
  void branchReport_totalsForPublicDisclosure() throws Exception {
    try (Fixture f = new Fixture(p -> p.withBalanceCap(java.util.Optional.of(h(3))))) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 200);
      f.deposit("flowers", BOB, 60);
      f.deposit("merchants", FRANK, 60);
      accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(30))));
      accept(f.branch("flowers").donate(Donation.of(ALICE, m(20))));
      accept(f.branch("flowers").donate(Donation.of(FRANK, m(10))));
      accept(f.branch("flowers").requestGrant(new GrantRequest(CAROL, m(15))));
      accept(f.branch("flowers").allocateGrants(new GrantAllocation(COORDINATOR)));
      BookingRef b = accept(f.branch("flowers").redeem(Redemption.service(FRANK, BOB, "errands", m(25))));
      accept(f.branch("flowers").deliver(new Delivery(b, FRANK)));
      accept(f.branch("flowers").deduct(Deduction.of(BOB, m(5), "late record", COORDINATOR)));
      BranchReport r = f.branch("flowers").report(MARCH, APRIL);
      assertEquals(260, r.deposited().value());
      assertEquals(25, r.redeemed().value());
      assertEquals(30, r.donated().value(), "alice's 20 and frank's 10 from another branch");
      assertEquals(15, r.granted().value());
      assertEquals(30, r.gifted().value());
      assertEquals(5, r.deducted().value());
      assertEquals(20, r.capOverflow().value());
      assertEquals(20 + 30 - 15, r.pool().value());
      assertEquals(3, r.members());
      assertEquals(f.branch("flowers").position(), r.position());
      BranchReport empty = f.branch("flowers").report(APRIL, MAY);
      assertEquals(0, empty.deposited().value());
      assertTrue(empty.honours().isEmpty());
      assertThrows(IllegalArgumentException.class, () -> f.branch("flowers").report(APRIL, APRIL));
    }
  }

  @Test
  void memberStatement_linesOpeningAndClosing() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.deposit("flowers", ALICE, 120);
      f.clock.set(java.time.Instant.parse("2025-04-02T00:00:00Z"));
      accept(f.branch("flowers").gift(Gift.of(ALICE, CAROL, m(20))));
      accept(f.branch("merchants").donate(Donation.of(ALICE, m(10))));
      BookingRef pending = accept(f.branch("flowers").redeem(Redemption.service(ALICE, BOB, "errands", m(15))));
      Statement april = f.branch("merchants").statement(ALICE, APRIL, MAY).orElseThrow();
      assertEquals("flowers", april.branch());
      assertEquals(120, april.opening());
      assertEquals(90, april.closing());
      assertEquals(List.of(MovementKind.GIFT_SENT, MovementKind.DONATED), april.lines().stream().map(StatementLine::kind).toList());
      assertEquals(List.of(-20L, -10L), april.lines().stream().map(StatementLine::minutes).toList());
      assertEquals("carol", april.lines().get(0).counterparty());
      assertEquals("branch:merchants", april.lines().get(1).counterparty());
      assertEquals(List.of(pending), april.pendingBookings().stream().map(Booking::ref).toList());
      assertEquals(f.branch("flowers").position(), april.position());
      Statement march = f.branch("flowers").statement(ALICE, MARCH, APRIL).orElseThrow();
      assertEquals(0, march.opening());
      assertEquals(120, march.closing());
      assertEquals(MovementKind.SERVICE_DEPOSIT, march.lines().get(0).kind());
      assertEquals("fund", march.lines().get(0).counterparty());
      assertEquals(32, march.lines().get(0).reference().length());
      assertTrue(f.branch("flowers").statement(FRANK, MARCH, MAY).isEmpty());
    }
  }

  @Test
  void journalPosition_isWhatACheckpointCommitsTo() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      JournalPosition p = f.branch("flowers").position();
      org.moralbank.ledger.store.InMemoryStore s = f.stores.stores.get("flowers");
      assertEquals(s.size(), p.size());
      assertEquals(s.head(), p.head());
      f.deposit("flowers", ALICE, 30);
      JournalPosition at = f.branch("flowers").report(MARCH, APRIL).position();
      assertEquals(s.size(), at.size());
      // The root is the RFC 6962 root of the branch's leaf hashes: a checkpoint signed over that
      // tree names this report, one over any other size or root does not.
      org.moralbank.ledger.proof.MerkleTree tree =
          org.moralbank.ledger.proof.MerkleTree.create(org.moralbank.ledger.HashAlgorithm.SHA_256);
      s.records().forEach(r -> tree.append(r.hash()));
      assertEquals(tree.root(), at.root());
      org.moralbank.ledger.checkpoint.Checkpoint signed = new org.moralbank.ledger.checkpoint.Checkpoint(
          "sunflower-street/flowers", tree.size(), tree.root(), java.util.List.of());
      assertTrue(at.matches(signed));
      assertFalse(at.matches(new org.moralbank.ledger.checkpoint.Checkpoint(
          "sunflower-street/flowers", tree.size() - 1, tree.root(tree.size() - 1), java.util.List.of())));
    }
  }
}
