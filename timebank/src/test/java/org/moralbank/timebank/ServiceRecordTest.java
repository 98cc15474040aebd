package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.timebank.Fixture.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.CatalogueVersion;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.ServiceCatalogue;
import org.moralbank.timebank.policy.ServiceType;
import org.moralbank.timebank.policy.Weight;

/** Issue rule 3 and DOMAIN.md's review rules: proposed (拟记) → approved → deposit. */
class ServiceRecordTest {
  static final Instant NINE = Instant.parse("2025-03-02T09:00:00Z");

  static ServiceRecord care(MemberId v, Instant start, long minutes) {
    return ServiceRecord.individual(v, "daily-care", start, start.plus(Duration.ofMinutes(minutes)), GRID);
  }

  @Test
  void entriesAreProposedUntilApproved_thenPostedAsADeposit() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(care(ALICE, NINE, 90)));
      Proposal proposed = b.proposal(p).orElseThrow();
      assertEquals(ProposalStatus.PROPOSED, proposed.status());
      assertEquals(List.of(proposed), b.openProposals());
      assertEquals(0, f.balance(ALICE));
      Proposal approved = accept(b.approve(new ApproveService(p, COORDINATOR)));
      assertEquals(ProposalStatus.APPROVED, approved.status());
      assertEquals(Set.of(COORDINATOR), approved.approvals());
      assertEquals(90, f.balance(ALICE));
      assertEquals(90, b.balance(ALICE).orElseThrow().lifetime().value());
      assertTrue(b.openProposals().isEmpty());
      f.reopen();
      assertEquals(ProposalStatus.APPROVED, f.branch("flowers").proposal(p).orElseThrow().status());
    }
  }

  @Test
  void whoeverRecordsCertifies_theRecordersIdIsInTheJournal() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      ProposalRef p = accept(f.branch("flowers").recordService(care(ALICE, NINE, 30).withBeneficiary(CAROL)));
      List<LedgerRecord> records = new ArrayList<>();
      f.bank.state().books.get("flowers").journal.read(p.sequence(), p.sequence() + 1, records::add);
      org.moralbank.ledger.Command.Note note = ((LedgerRecord.Noted) records.get(0).body()).note();
      assertEquals(DomainNote.SERVICE_PROPOSED, note.kind());
      DomainNote.ServiceProposed sp = (DomainNote.ServiceProposed) NoteCodec.decode(note.kind(), note.payload());
      assertEquals(GRID, sp.recorder());
      assertEquals(List.of(ALICE), sp.volunteers());
      assertEquals(java.util.Optional.of(CAROL), sp.beneficiary());
      assertEquals(NINE, sp.start());
      assertEquals("daily-care", sp.type());
    }
  }

  @Test
  void nobodyApprovesTheirOwnRecord() throws Exception {
    try (Fixture f = new Fixture(p -> p.withApprovals(p.approvals().withRuleFirst(Policies.ApprovalRule.council("*", "*", 1))))) {
      f.enrol("flowers", ALICE, K1);
      Branch b = f.branch("flowers");
      ProposalRef byK2 = accept(b.recordService(ServiceRecord.individual(ALICE, "daily-care", NINE, NINE.plusSeconds(3600), K2)));
      ProposalRef ofK1 = accept(b.recordService(care(K1, NINE, 60)));
      ProposalRef forK3 = accept(b.recordService(care(ALICE, NINE.plusSeconds(7200), 60).withBeneficiary(K3)));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.OWN_RECORD, reason(b.approve(new ApproveService(byK2, K2))));
      assertEquals(Reason.OWN_RECORD, reason(b.approve(new ApproveService(ofK1, K1))));
      assertEquals(Reason.OWN_RECORD, reason(b.approve(new ApproveService(forK3, K3))));
      assertEquals(Reason.OWN_RECORD, reason(b.reject(new RejectService(byK2, K2, "mine"))));
      assertEquals(sizes, f.sizes());
      accept(b.approve(new ApproveService(byK2, K1)));
      assertEquals(60, f.balance(ALICE));
    }
  }

  @Test
  void approvals_onlyByReviewersOfTheBranch_onceEach() throws Exception {
    try (Fixture f = new Fixture(p -> p.withApprovals(p.approvals().withRuleFirst(Policies.ApprovalRule.council("*", "*", 2))))) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(care(ALICE, NINE, 60)));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.NOT_A_REVIEWER, reason(b.approve(new ApproveService(p, COORDINATOR))), "council mode");
      assertEquals(Reason.NOT_A_REVIEWER, reason(b.approve(new ApproveService(p, BOB))));
      assertEquals(Reason.PROPOSAL_UNKNOWN, reason(b.approve(new ApproveService(new ProposalRef("flowers", 999), K1))));
      assertEquals(Reason.PROPOSAL_UNKNOWN, reason(f.branch("merchants").approve(new ApproveService(p, K1))));
      assertEquals(sizes, f.sizes());
      Proposal one = accept(b.approve(new ApproveService(p, K1)));
      assertEquals(ProposalStatus.PROPOSED, one.status());
      assertEquals(0, f.balance(ALICE));
      assertEquals(Reason.ALREADY_REVIEWED, reason(b.approve(new ApproveService(p, K1))));
      Proposal two = accept(b.approve(new ApproveService(p, K2)));
      assertEquals(ProposalStatus.APPROVED, two.status());
      assertEquals(60, f.balance(ALICE));
      assertEquals(Reason.PROPOSAL_DECIDED, reason(b.approve(new ApproveService(p, K3))));
    }
  }

  @Test
  void councilOfThree_quorumTwo_rejectedWhenTwoReject() throws Exception {
    try (Fixture f = new Fixture(p -> p.withApprovals(p.approvals().withRuleFirst(Policies.ApprovalRule.council("flowers", "mediation", 2))))) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(ServiceRecord.individual(ALICE, "mediation", NINE, NINE.plusSeconds(3600), GRID)));
      assertEquals(Policies.ApprovalMode.COUNCIL, b.proposal(p).orElseThrow().mode());
      assertEquals(ProposalStatus.PROPOSED, accept(b.reject(new RejectService(p, K1, "unclear"))).status());
      assertEquals(ProposalStatus.REJECTED, accept(b.reject(new RejectService(p, K2, "unclear"))).status());
      assertEquals(0, f.balance(ALICE));
      // the rule applies to mediation at flowers only
      ProposalRef care = accept(b.recordService(care(ALICE, NINE.plusSeconds(7200), 30)));
      assertEquals(Policies.ApprovalMode.COORDINATOR, b.proposal(care).orElseThrow().mode());
    }
  }

  @Test
  void coordinatorRejects_proposalRejected_intervalFreed() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(care(ALICE, NINE, 60)));
      assertEquals(Reason.INTERVAL_OVERLAPS, reason(b.recordService(care(ALICE, NINE.plusSeconds(600), 60))));
      assertEquals(ProposalStatus.REJECTED, accept(b.reject(new RejectService(p, COORDINATOR, "no witness"))).status());
      accept(b.recordService(care(ALICE, NINE.plusSeconds(600), 60)));
    }
  }

  @Test
  void noOverlappingIntervals_forOneVolunteer_acrossBranches() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      accept(f.branch("flowers").recordService(care(ALICE, NINE, 60)));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.INTERVAL_OVERLAPS, reason(f.branch("flowers").recordService(care(ALICE, NINE.minusSeconds(60), 2))));
      assertEquals(Reason.INTERVAL_OVERLAPS, reason(f.branch("merchants").recordService(care(ALICE, NINE.plusSeconds(3540), 30))));
      assertEquals(sizes, f.sizes());
      accept(f.branch("flowers").recordService(care(ALICE, NINE.plusSeconds(3600), 30)));
      accept(f.branch("flowers").recordService(care(ALICE, NINE.minusSeconds(1800), 30)));
      accept(f.branch("flowers").recordService(care(BOB, NINE, 60)));
    }
  }

  @Test
  void perDayMaximum() throws Exception {
    try (Fixture f = new Fixture(p -> p.withService(new Policies.Service(Duration.ofDays(30), h(4), true)))) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      accept(b.recordService(care(ALICE, NINE, 180)));
      assertEquals(Reason.DAILY_MAXIMUM_EXCEEDED, reason(b.recordService(care(ALICE, NINE.plusSeconds(4 * 3600), 61))));
      accept(b.recordService(care(ALICE, NINE.plusSeconds(4 * 3600), 60)));
      // Across midnight, each day's share counts against that day.
      accept(b.recordService(care(ALICE, Instant.parse("2025-02-28T22:00:00Z"), 240)));
      assertEquals(Reason.DAILY_MAXIMUM_EXCEEDED, reason(b.recordService(care(ALICE, Instant.parse("2025-03-01T10:00:00Z"), 121))));
      accept(b.recordService(care(ALICE, Instant.parse("2025-03-01T10:00:00Z"), 120)));
    }
  }

  @Test
  void noServiceInTheFuture() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.SERVICE_IN_FUTURE, reason(f.branch("flowers").recordService(care(ALICE, T0.minusSeconds(1800), 31))));
      assertEquals(sizes, f.sizes());
      accept(f.branch("flowers").recordService(care(ALICE, T0.minusSeconds(1800), 30)));
    }
  }

  @Test
  void proposalsExpire_whenNobodyReviewsThemInTime() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(care(ALICE, NINE, 60)));
      f.clock.advance(Duration.ofDays(30));
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.PROPOSAL_EXPIRED, reason(b.approve(new ApproveService(p, COORDINATOR))));
      assertEquals(sizes, f.sizes());
      assertEquals(ProposalStatus.EXPIRED, b.proposal(p).orElseThrow().status());
      assertEquals(1, f.bank.sweep().proposalsExpired());
      assertEquals(0, f.bank.sweep().proposalsExpired());
      f.reopen();
      assertEquals(ProposalStatus.EXPIRED, f.branch("flowers").proposal(p).orElseThrow().status());
      accept(f.branch("flowers").recordService(care(ALICE, NINE, 60)));
    }
  }

  @Test
  void serviceTypes_weightsAreExactRatios_flooredWithTheRemainderNoted() throws Exception {
    ServiceCatalogue catalogue = ServiceCatalogue.of(
        CatalogueVersion.of(1, LocalDate.of(2024, 1, 1),
            ServiceType.of("patrol", "Neighbourhood patrol", Weight.of(1, 3)),
            ServiceType.of("daily-care", "Daily care", Weight.ONE)),
        CatalogueVersion.of(2, LocalDate.of(2025, 3, 2),
            ServiceType.of("patrol", "Neighbourhood patrol", Weight.of(1, 2)),
            ServiceType.of("daily-care", "Daily care", Weight.ONE)));
    try (Fixture f = new Fixture(p -> p, c -> c.withCatalogue(catalogue))) {
      f.enrol("flowers", ALICE);
      Branch b = f.branch("flowers");
      Instant march1 = Instant.parse("2025-03-01T09:00:00Z");
      ProposalRef v1 = accept(b.recordService(ServiceRecord.individual(ALICE, "patrol", march1, march1.plusSeconds(100 * 60), GRID)));
      Proposal p1 = b.proposal(v1).orElseThrow();
      assertEquals(1, p1.catalogueVersion());
      assertEquals(Weight.of(1, 3), p1.weight());
      assertEquals(33, p1.credit().value());
      assertEquals(1, p1.remainder());
      ProposalRef v2 = accept(b.recordService(ServiceRecord.individual(ALICE, "patrol", NINE, NINE.plusSeconds(101 * 60), GRID)));
      assertEquals(2, b.proposal(v2).orElseThrow().catalogueVersion());
      assertEquals(50, b.proposal(v2).orElseThrow().credit().value());
      accept(b.approve(new ApproveService(v1, COORDINATOR)));
      accept(b.approve(new ApproveService(v2, COORDINATOR)));
      assertEquals(83, f.balance(ALICE));
      assertEquals(Reason.ZERO_CREDIT, reason(b.recordService(ServiceRecord.individual(ALICE, "patrol", march1.minusSeconds(3600), march1.minusSeconds(3540), GRID))));
      assertEquals(Reason.SERVICE_TYPE_UNKNOWN, reason(b.recordService(ServiceRecord.individual(ALICE, "mediation", march1.minusSeconds(7200), march1.minusSeconds(3600), GRID))));
      assertEquals(Reason.SERVICE_TYPE_UNKNOWN, reason(b.recordService(ServiceRecord.individual(ALICE, "patrol",
          Instant.parse("2023-06-01T09:00:00Z"), Instant.parse("2023-06-01T10:00:00Z"), GRID))), "before the first version");
    }
  }

  @Test
  void groupActivities_creditEveryParticipant_hoursMayOnlyBeDonated() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB, CAROL);
      f.enrol("merchants", FRANK);
      Branch b = f.branch("flowers");
      ProposalRef p = accept(b.recordService(ServiceRecord.group(List.of(ALICE, BOB, FRANK), "greening", NINE, NINE.plusSeconds(7200), GRID)));
      accept(b.approve(new ApproveService(p, COORDINATOR)));
      for (MemberId m : List.of(ALICE, BOB, FRANK)) {
        Balance bal = f.branch("flowers").balance(m).orElseThrow();
        assertEquals(0, bal.main().value(), m.value());
        assertEquals(120, bal.donateOnly().value(), m.value());
        assertEquals(120, bal.lifetime().value(), m.value());
      }
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(b.gift(Gift.of(ALICE, CAROL, m(10)))));
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(f.branch("merchants").redeem(Redemption.reward(ALICE, "tea", m(10)))));
      assertEquals(sizes, f.sizes());
      accept(b.donate(Donation.of(ALICE, m(100))));
      assertEquals(100, b.pool().value());
      assertEquals(20, f.branch("flowers").balance(ALICE).orElseThrow().donateOnly().value());
      assertTrue(f.bank.trialBalance().balanced());
    }
  }

  @Test
  void groupHours_creditMainHours_whenThePolicySaysSo() throws Exception {
    try (Fixture f = new Fixture(p -> p.withService(new Policies.Service(Duration.ofDays(30), h(12), false)))) {
      f.enrol("flowers", ALICE, BOB);
      ProposalRef p = accept(f.branch("flowers").recordService(ServiceRecord.group(List.of(ALICE, BOB), "greening", NINE, NINE.plusSeconds(3600), GRID)));
      accept(f.branch("flowers").approve(new ApproveService(p, COORDINATOR)));
      assertEquals(60, f.branch("flowers").balance(ALICE).orElseThrow().main().value());
    }
  }

  @Test
  void minorsRecords_needTheirGuardiansConsent() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, DAVE);
      Branch b = f.branch("flowers");
      assertEquals(Reason.CONSENT_REQUIRED, reason(b.recordService(care(DAVE, NINE, 30))));
      assertEquals(Reason.CONSENT_REQUIRED, reason(b.recordService(care(DAVE, NINE, 30).withConsents(BOB))));
      assertEquals(Reason.CONSENT_REQUIRED, reason(b.recordService(ServiceRecord.group(List.of(ALICE, DAVE), "greening", NINE, NINE.plusSeconds(60), GRID))));
      accept(b.recordService(care(DAVE, NINE, 30).withConsents(ALICE)));
    }
  }

  @Test
  void recordService_rejections() throws Exception {
    try (Fixture f = new Fixture(p -> p.withReach(Policies.Reach.SUB_BRANCH))) {
      f.enrol("flowers", ALICE);
      f.enrol("merchants", FRANK);
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.MEMBER_NOT_ENROLLED, reason(f.branch("flowers").recordService(care(BOB, NINE, 30))));
      assertEquals(Reason.MEMBER_UNKNOWN, reason(f.branch("flowers").recordService(ServiceRecord.individual(ALICE, "daily-care", NINE, NINE.plusSeconds(60), MemberId.of("ghost")))));
      assertEquals(Reason.OUT_OF_REACH, reason(f.branch("flowers").recordService(care(FRANK, NINE, 30))), "west is another street");
      assertEquals(sizes, f.sizes());
      accept(f.branch("calligraphy").recordService(care(ALICE, NINE, 30)));
    }
  }

  @Test
  void serviceRecord_badInput_throws() {
    assertThrows(IllegalArgumentException.class, () -> care(ALICE, NINE.plusSeconds(1), 30), "not a whole minute");
    assertThrows(IllegalArgumentException.class, () -> care(ALICE, NINE, 0), "empty interval");
    assertThrows(IllegalArgumentException.class, () -> care(ALICE, NINE, 24 * 60 + 1), "over a day");
    assertThrows(IllegalArgumentException.class, () -> ServiceRecord.group(List.of(ALICE, ALICE), "greening", NINE, NINE.plusSeconds(60), GRID));
    assertThrows(IllegalArgumentException.class, () -> new ServiceRecord(List.of(ALICE, BOB), false, "greening", NINE, NINE.plusSeconds(60), java.util.Optional.empty(), GRID, Set.of()));
    assertThrows(IllegalArgumentException.class, () -> care(ALICE, NINE, 30).withBeneficiary(ALICE));
    assertThrows(IllegalArgumentException.class, () -> ServiceRecord.individual(ALICE, "Daily Care", NINE, NINE.plusSeconds(60), GRID));
    assertThrows(NullPointerException.class, () -> ServiceRecord.individual(ALICE, "daily-care", null, NINE, GRID));
    assertThrows(IllegalArgumentException.class, () -> new RejectService(new ProposalRef("flowers", 3), COORDINATOR, "x".repeat(201)));
  }

  @Test
  void deductions_areTheirOwnEntryKind_withAReason_linkedToTheProposal() throws Exception {
    try (Fixture f = new Fixture()) {
      f.enrol("flowers", ALICE, BOB);
      ProposalRef p = f.deposit("flowers", ALICE, 120);
      Branch b = f.branch("flowers");
      Map<String, Long> sizes = f.sizes();
      assertEquals(Reason.NOT_A_REVIEWER, reason(b.deduct(Deduction.of(ALICE, m(30), "false record", BOB))));
      assertEquals(Reason.ZERO_AMOUNT, reason(b.deduct(Deduction.of(ALICE, m(0), "nothing", COORDINATOR))));
      assertEquals(Reason.INSUFFICIENT_HOURS, reason(b.deduct(Deduction.of(ALICE, m(121), "too much", COORDINATOR))));
      assertEquals(Reason.NOT_CREDITED_BY_PROPOSAL, reason(b.deduct(Deduction.of(BOB, m(10), "x", COORDINATOR).correcting(p))));
      assertEquals(sizes, f.sizes());
      accept(b.deduct(Deduction.of(ALICE, m(30), "service was not given", COORDINATOR).correcting(p)));
      Balance bal = b.balance(ALICE).orElseThrow();
      assertEquals(90, bal.main().value());
      assertEquals(90, bal.lifetime().value());
      Statement s = b.statement(ALICE, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)).orElseThrow();
      StatementLine line = s.lines().get(1);
      assertEquals(MovementKind.DEDUCTED, line.kind());
      assertEquals(-30, line.minutes());
      assertEquals("fund", line.counterparty());
      // The deduction corrects the deposit: the engine's transfer names it.
      Book book = f.bank.state().books.get("flowers");
      Book.Posting deposit = book.members.get(ALICE).postings.get(0);
      Book.Posting deduction = book.members.get(ALICE).postings.get(1);
      org.moralbank.ledger.Transfer t = book.journal.transfer(deduction.id()).orElseThrow();
      assertEquals(java.util.Optional.of(deposit.id()), ((org.moralbank.ledger.TransferRequest.Single) t.request()).corrects());
      assertFalse(deposit.reference().equals(deduction.reference()));
    }
  }
}
