package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.JournalFailedException;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Schedule;

/** Issue rule 6 and DOMAIN.md: deposit anywhere, redeem anywhere (通存通兑), rolled out in phases. */
class CrossBranchTest {

  static TrialBalance.ClearingPair pair(Fixture f, String a, String b) {
    return f.bank.trialBalance().pairs().stream()
        .filter(p -> p.first().equals(a) && p.second().equals(b) || p.first().equals(b) && p.second().equals(a))
        .findFirst().orElseThrow();
  }

  @Test
  void depositAnywhere_serviceRecordedAtAnotherBranch_creditsTheHomeBranch() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.deposit("merchants", ALICE, 90);
      assertEquals(90, f.balance(ALICE));
      Statement s = f.branch("flowers").statement(ALICE, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)).orElseThrow();
      assertEquals(MovementKind.SERVICE_DEPOSIT, s.lines().get(0).kind());
      assertEquals("branch:merchants", s.lines().get(0).counterparty());
      assertEquals(90, f.branch("merchants").report(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)).deposited().value(),
          "the branch that approved issued the hours");
      TrialBalance.ClearingPair p = pair(f, "flowers", "merchants");
      assertTrue(p.nets() && p.pendingNets(), p.toString());
      assertEquals(90, Math.abs(p.a()));
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  @Test
  void redeemAnywhere_bookingHoldsBothLegs_untilDeliveredOrCancelled() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      Branch shop = f.branch("merchants");
      BookingRef a = accept(shop.redeem(Redemption.service(ALICE, FRANK, "errands", m(30))));
      BookingRef b = accept(shop.redeem(Redemption.service(ALICE, FRANK, "errands", m(40))));
      TrialBalance.ClearingPair p = pair(f, "flowers", "merchants");
      assertTrue(p.nets() && p.pendingNets(), "both legs pending: " + p);
      assertEquals(70, Math.abs(p.aPending()));
      assertEquals(50, f.available(ALICE));
      accept(shop.deliver(new Delivery(a, ALICE)));
      accept(shop.cancel(new Cancellation(b, FRANK)));
      assertEquals(90, f.balance(ALICE));
      assertEquals(90, f.available(ALICE));
      assertEquals(30, f.balance(FRANK));
      assertTrue(f.bank.trialBalance().balanced(), f.bank.trialBalance().toString());
      f.reopen();
      assertEquals(BookingStatus.DELIVERED, f.branch("merchants").booking(a).orElseThrow().status());
      assertEquals(BookingStatus.CANCELLED, f.branch("merchants").booking(b).orElseThrow().status());
    }
  }

  @Test
  void redeemAnywhere_expiredBooking_releasesBothLegs() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      BookingRef a = accept(f.branch("merchants").redeem(Redemption.service(ALICE, FRANK, "errands", m(30)).withTimeout(Duration.ofHours(2))));
      f.clock.advance(Duration.ofHours(3));
      assertEquals(BookingStatus.EXPIRED, f.branch("merchants").booking(a).orElseThrow().status());
      assertEquals(Reason.BOOKING_EXPIRED, reason(f.branch("merchants").deliver(new Delivery(a, ALICE))));
      assertEquals(2, f.bank.sweep().transfersExpired());
      assertEquals(120, f.available(ALICE));
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  @Test
  void giftAndDonateAnywhere() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", CAROL);
      f.deposit("flowers", ALICE, 120);
      accept(f.branch("merchants").gift(Gift.of(ALICE, CAROL, m(30))));
      accept(f.branch("calligraphy").donate(Donation.of(ALICE, m(20))));
      assertEquals(70, f.balance(ALICE));
      assertEquals(30, f.balance(CAROL));
      assertEquals(20, f.branch("calligraphy").pool().value());
      assertEquals(Reason.NOT_A_MEMBER_OF_THIS_BRANCH, reason(f.branch("calligraphy").gift(Gift.of(ALICE, CAROL, m(1)))));
      assertTrue(f.bank.trialBalance().balanced(), f.bank.trialBalance().toString());
      assertEquals(2, f.bank.trialBalance().pairs().size(), "flowers with merchants and with calligraphy");
    }
  }

  @Test
  void reach_withinASubBranchFirst_thenTheWholeCity_byEffectiveDate() throws Exception {
    try (Fixture f = new Fixture(p -> p.withReach(Policies.Reach.SUB_BRANCH),
        c -> c.withPolicies(c.policies().then(LocalDate.of(2025, 6, 1), c.policies().latest().withReach(Policies.Reach.BANK))))) {
      f.enrol("flowers", ALICE);
      f.deposit("flowers", ALICE, 120);
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.OUT_OF_REACH, reason(f.branch("merchants").donate(Donation.of(ALICE, m(10)))));
      assertEquals(sizes, f.sizes());
      accept(f.branch("calligraphy").donate(Donation.of(ALICE, m(10))));
      f.clock.set(java.time.Instant.parse("2025-06-01T00:00:00Z"));
      accept(f.branch("merchants").donate(Donation.of(ALICE, m(10))));
    }
    try (Fixture f = new Fixture(p -> p.withReach(Policies.Reach.BRANCH))) {
      f.enrol("flowers", ALICE);
      f.deposit("flowers", ALICE, 120);
      assertEquals(Reason.OUT_OF_REACH, reason(f.branch("calligraphy").donate(Donation.of(ALICE, m(10)))));
      accept(f.branch("flowers").donate(Donation.of(ALICE, m(10))));
    }
  }

  @Test
  void schedule_firstEntryGovernsEarlierDates() {
    Schedule<String> s = Schedule.of("a").then(LocalDate.of(2025, 6, 1), "b");
    assertEquals("a", s.on(LocalDate.of(1990, 1, 1)));
    assertEquals("a", s.on(LocalDate.of(2025, 5, 31)));
    assertEquals("b", s.on(LocalDate.of(2025, 6, 1)));
    assertThrows(IllegalArgumentException.class, () -> s.then(LocalDate.of(2025, 6, 1), "c"));
  }

  /** Every possible crash point of a cross-branch gift: after reopening, all of it or none. */
  @Test
  void crashBetweenTheLegs_isFinishedOrVoidedOnRecovery() throws Exception {
    for (int budget = 0; budget < 8; budget++) {
      try (Fixture f = new Fixture()) {
        f.enrol("flowers", ALICE);
        f.enrol("merchants", CAROL);
        f.deposit("flowers", ALICE, 120);
        f.stores.budget.set(budget);
        boolean finished;
        try {
          accept(f.branch("merchants").gift(Gift.of(ALICE, CAROL, m(30))));
          finished = true;
        } catch (JournalFailedException e) {
          finished = false;
        }
        f.reopen();
        long alice = f.balance(ALICE);
        long carol = f.balance(CAROL);
        assertEquals(120, alice + carol, "budget " + budget);
        assertTrue(alice == 120 || alice == 90, "budget " + budget + ": " + alice);
        if (finished) {
          assertEquals(90, alice);
        }
        assertEquals(alice, f.available(ALICE), "no leg left pending");
        assertTrue(f.bank.trialBalance().balanced(), "budget " + budget + ": " + f.bank.trialBalance());
        assertEquals(0, f.bank.sweep().clearingFinished());
        // The gift's yearly total follows the outcome: the note exists only if the gift happened.
        assertEquals(alice == 90 ? 30L : 0L,
            f.bank.state().gifts.getOrDefault(ALICE, Map.of()).getOrDefault(2025, 0L));
      }
    }
  }

  /**
   * The debit leg posted, then the crash, then the credit leg's timeout passed before anyone
   * reopened the bank: recovery completes the credit by a single transfer.
   */
  @Test
  void creditLegExpiredAfterTheDebitPosted_isCompleted() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      BookingRef b = accept(f.branch("merchants").redeem(Redemption.service(ALICE, FRANK, "errands", m(30)).withTimeout(Duration.ofHours(1))));
      f.stores.budget.set(2); // the decision note, the debit post; the credit post fails
      assertThrows(JournalFailedException.class, () -> f.branch("merchants").deliver(new Delivery(b, ALICE)));
      f.clock.advance(Duration.ofHours(2));
      f.reopen();
      assertEquals(90, f.balance(ALICE));
      assertEquals(30, f.balance(FRANK));
      assertEquals(BookingStatus.DELIVERED, f.branch("merchants").booking(b).orElseThrow().status());
      assertTrue(f.bank.trialBalance().balanced(), f.bank.trialBalance().toString());
      assertEquals(0, f.bank.sweep().clearingFinished());
      f.reopen();
      assertEquals(30, f.balance(FRANK), "completed once");
    }
  }

  /** The decision to cancel was journaled, then the crash: recovery carries it out. */
  @Test
  void crashAfterTheCancellationDecision_isCarriedOut() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      f.deposit("flowers", ALICE, 120);
      BookingRef b = accept(f.branch("merchants").redeem(Redemption.service(ALICE, FRANK, "errands", m(30))));
      f.stores.budget.set(1);
      assertThrows(JournalFailedException.class, () -> f.branch("merchants").cancel(new Cancellation(b, ALICE)));
      f.reopen();
      assertEquals(BookingStatus.CANCELLED, f.branch("merchants").booking(b).orElseThrow().status());
      assertEquals(120, f.available(ALICE));
      assertTrue(f.bank.trialBalance().balanced());
    }
  }
}
