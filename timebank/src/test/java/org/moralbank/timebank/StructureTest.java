package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.JournalFailedException;

/** Issue rule 1: head office → sub-branches → savings branches, opened and closed. */
class StructureTest {

  @Test
  void branchTree_headOfficeSubBranchesSavingsBranches_survivesReopen() throws Exception {
    try (Fixture f = new Fixture()) {
      List<BranchInfo> before = f.bank.branches();
      assertEquals(List.of("head-office", "east", "west", "flowers", "calligraphy", "merchants"),
          before.stream().map(BranchInfo::id).toList());
      assertEquals(BranchKind.HEAD_OFFICE, before.get(0).kind());
      assertEquals(Optional.empty(), before.get(0).parent());
      assertEquals(BranchKind.SAVINGS_BRANCH, before.get(3).kind());
      assertEquals(Optional.of("east"), before.get(3).parent());
      assertEquals("Flower-growing association", before.get(3).name());
      f.reopen();
      assertEquals(before, f.bank.branches());
    }
  }

  @Test
  void eachSavingsBranch_hasItsOwnJournal() throws Exception {
    try (Fixture f = new Fixture()) {
      assertEquals(java.util.Set.of("head-office", "flowers", "calligraphy", "merchants"), f.sizes().keySet());
      assertEquals("flowers", f.branch("flowers").position().branch());
      assertEquals(f.sizes().get("flowers"), f.branch("flowers").position().size());
    }
  }

  @Test
  void openBranch_rejections_appendNothing() throws Exception {
    try (Fixture f = new Fixture()) {
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.BRANCH_EXISTS, reason(f.bank.openBranch(OpenBranch.savings("flowers", "x", "east"))));
      assertEquals(Reason.BRANCH_UNKNOWN, reason(f.bank.openBranch(OpenBranch.savings("roses", "x", "north"))));
      assertEquals(Reason.INVALID_PARENT, reason(f.bank.openBranch(OpenBranch.savings("roses", "x", "head-office"))));
      assertEquals(Reason.INVALID_PARENT, reason(f.bank.openBranch(OpenBranch.subBranch("north", "x", "east"))));
      assertEquals(Reason.INVALID_PARENT, reason(f.bank.openBranch(OpenBranch.savings("roses", "x", "flowers"))));
      assertEquals(sizes, f.sizes());
    }
  }

  @Test
  void openBranch_badInput_throws() {
    assertThrows(IllegalArgumentException.class, () -> OpenBranch.savings("Flowers!", "x", "east"));
    assertThrows(IllegalArgumentException.class, () -> new OpenBranch("x", BranchKind.HEAD_OFFICE, "east", "x"));
    assertThrows(NullPointerException.class, () -> OpenBranch.savings("x", null, "east"));
  }

  @Test
  void branch_onlyForSavingsBranches() throws Exception {
    try (Fixture f = new Fixture()) {
      assertThrows(UnknownBranchException.class, () -> f.bank.branch("nowhere"));
      assertThrows(UnknownBranchException.class, () -> f.bank.branch("east"));
      assertThrows(UnknownBranchException.class, () -> f.bank.branch("head-office"));
    }
  }

  @Test
  void closedBranch_keepsItsHistory_andAcceptsNoNewEntries() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("calligraphy", FRANK);
      f.deposit("calligraphy", FRANK, 90);
      BranchInfo closed = accept(f.bank.closeBranch("calligraphy"));
      assertFalse(closed.open());
      Map<String, Long> sizes = f.sizes();
      Branch c = f.branch("calligraphy");
      assertEquals(Reason.BRANCH_CLOSED, reason(c.enrol(Enrolment.of(BOB))));
      assertEquals(Reason.BRANCH_CLOSED, reason(c.donate(Donation.of(FRANK, m(10)))));
      assertEquals(Reason.HOME_BRANCH_CLOSED, reason(f.branch("flowers").donate(Donation.of(FRANK, m(10)))));
      assertEquals(Reason.BRANCH_CLOSED, reason(f.bank.closeBranch("calligraphy")));
      assertEquals(sizes, f.sizes());
      assertEquals(90, c.balance(FRANK).orElseThrow().main().value());
      assertEquals(1, c.statement(FRANK, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)).orElseThrow().lines().size());
      f.reopen();
      assertFalse(f.branch("calligraphy").info().open());
      assertEquals(Reason.BRANCH_CLOSED, reason(f.branch("calligraphy").enrol(Enrolment.of(BOB))));
      assertEquals(90, f.balance(FRANK));
    }
  }

  @Test
  void closeBranch_refusedWhileWorkIsInFlight() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      f.enrol("calligraphy", FRANK);
      f.deposit("flowers", ALICE, 60);
      ServiceRecord r = ServiceRecord.individual(FRANK, "greening", T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofHours(2)), GRID);
      ProposalRef p = accept(f.branch("calligraphy").recordService(r));
      assertEquals(Reason.BRANCH_BUSY, reason(f.bank.closeBranch("calligraphy")));
      accept(f.branch("calligraphy").reject(new RejectService(p, COORDINATOR, "no witness")));
      BookingRef b = accept(f.branch("calligraphy").redeem(Redemption.service(ALICE, FRANK, "errands", m(10))));
      assertEquals(Reason.BRANCH_BUSY, reason(f.bank.closeBranch("calligraphy")));
      assertEquals(Reason.BRANCH_BUSY, reason(f.bank.closeBranch("flowers")), "the redeemer's leg is pending too");
      accept(f.branch("calligraphy").cancel(new Cancellation(b, ALICE)));
      assertEquals(Reason.BRANCH_HAS_OPEN_CHILDREN, reason(f.bank.closeBranch("east")));
      assertEquals(Reason.HEAD_OFFICE, reason(f.bank.closeBranch("head-office")));
      accept(f.bank.closeBranch("calligraphy"));
      accept(f.bank.closeBranch("flowers"));
      accept(f.bank.closeBranch("east"));
      assertEquals(Reason.PARENT_CLOSED, reason(f.bank.openBranch(OpenBranch.savings("roses", "Roses", "east"))));
    }
  }

  @Test
  void closeBranch_expiresOverdueProposalsExplicitly() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("calligraphy", FRANK);
      ServiceRecord r = ServiceRecord.individual(FRANK, "greening", T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofHours(2)), GRID);
      ProposalRef p = accept(f.branch("calligraphy").recordService(r));
      f.clock.advance(Duration.ofDays(31));
      accept(f.bank.closeBranch("calligraphy"));
      f.reopen();
      assertEquals(ProposalStatus.EXPIRED, f.branch("calligraphy").proposal(p).orElseThrow().status());
    }
  }

  @Test
  void crashWhileOpeningASavingsBranch_isFinishedOnReopen() throws Exception {
    for (int budget = 1; budget <= 2; budget++) {
      try (Fixture f = new Fixture()) {
        f.stores.budget.set(budget);
        assertThrows(RuntimeException.class,
            () -> f.bank.openBranch(OpenBranch.savings("roses", "Rose growers", "east")));
        f.reopen();
        assertTrue(f.bank.branches().stream().anyMatch(b -> b.id().equals("roses")));
        accept(f.branch("roses").enrol(Enrolment.of(FRANK)));
        f.deposit("roses", FRANK, 30);
        assertEquals(30, f.balance(FRANK));
        assertTrue(f.bank.trialBalance().balanced());
      }
    }
  }

  @Test
  void crashWhileClosing_isFinishedOnReopen() throws Exception {
    try (Fixture f = new Fixture()) {
      f.stores.budget.set(1);
      assertThrows(JournalFailedException.class, () -> f.bank.closeBranch("calligraphy"));
      assertTrue(f.bank.branches().get(4).open(), "the head office has not heard of it yet");
      f.reopen();
      assertFalse(f.bank.branches().get(4).open());
      assertFalse(f.branch("calligraphy").info().open());
    }
  }
}
