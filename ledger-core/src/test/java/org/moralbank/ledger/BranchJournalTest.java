package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.ledger.Fixtures.acct;
import static org.moralbank.ledger.Fixtures.min;
import static org.moralbank.ledger.Fixtures.tid;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;

/** One test per rejection reason, and the engine's basic flows. */
class BranchJournalTest {
  static final AccountId FUND = acct(1);
  static final AccountId ALICE = acct(10);
  static final AccountId BOB = acct(11);
  static final AccountId SINK = acct(20);

  Fixtures.ManualClock clock;
  InMemoryStore store;
  BranchJournal journal;

  @BeforeEach
  void setUp() {
    clock = new Fixtures.ManualClock();
    store = new InMemoryStore();
    journal = Fixtures.create(store, clock);
    journal.execute(Command.OpenAccount.fund(FUND, Minutes.ofHours(100)));
    journal.execute(Command.OpenAccount.member(ALICE));
    journal.execute(Command.OpenAccount.member(BOB));
    journal.execute(Command.OpenAccount.of(SINK, AccountKind.REDEMPTION_SINK));
  }

  @AfterEach
  void tearDown() throws Exception {
    journal.close();
  }

  List<TransferResult> single(long id, AccountId debit, AccountId credit, long minutes) {
    return journal.execute(
        Command.TransferGroup.of(TransferRequest.Single.of(tid(id), debit, credit, min(minutes), 1)));
  }

  RejectionReason rejection(List<TransferResult> results, int index) {
    return assertInstanceOf(TransferResult.Rejected.class, results.get(index)).reason();
  }

  long balance(AccountId id) {
    return journal.account(id).orElseThrow().balance();
  }

  @Test
  void deposit_movesMinutesFromFundToMember() {
    List<TransferResult> r = single(100, FUND, ALICE, 90);
    TransferResult.Created c = assertInstanceOf(TransferResult.Created.class, r.get(0));
    assertFalse(c.retry());
    assertEquals(90, balance(ALICE));
    assertEquals(-90, balance(FUND));
    assertEquals(5, c.sequence());
    assertEquals(6, journal.size());
  }

  @Test
  void zeroAmount_rejectedAndJournaled() {
    long before = journal.size();
    assertEquals(RejectionReason.ZERO_AMOUNT, rejection(single(100, FUND, ALICE, 0), 0));
    assertEquals(0, balance(ALICE));
    assertEquals(before + 1, journal.size());
  }

  @Test
  void sameAccount_rejected() {
    assertEquals(RejectionReason.SAME_ACCOUNT, rejection(single(100, ALICE, ALICE, 5), 0));
  }

  @Test
  void unknownDebitAccount_rejected() {
    assertEquals(RejectionReason.UNKNOWN_DEBIT_ACCOUNT, rejection(single(100, acct(99), ALICE, 5), 0));
  }

  @Test
  void unknownCreditAccount_rejected() {
    assertEquals(RejectionReason.UNKNOWN_CREDIT_ACCOUNT, rejection(single(100, FUND, acct(99), 5), 0));
  }

  @Test
  void frozenAccount_rejectedThenAcceptedAfterUnfreeze() {
    journal.execute(new Command.ChangeAccountStatus(ALICE, AccountStatus.FROZEN));
    assertEquals(RejectionReason.ACCOUNT_FROZEN, rejection(single(100, FUND, ALICE, 5), 0));
    journal.execute(new Command.ChangeAccountStatus(ALICE, AccountStatus.OPEN));
    assertInstanceOf(TransferResult.Created.class, single(101, FUND, ALICE, 5).get(0));
  }

  @Test
  void closedAccount_rejected() {
    journal.execute(new Command.ChangeAccountStatus(BOB, AccountStatus.CLOSED));
    assertEquals(RejectionReason.ACCOUNT_CLOSED, rejection(single(100, FUND, BOB, 5), 0));
  }

  @Test
  void insufficientBalance_rejectedAndBalanceUnchanged() {
    single(100, FUND, ALICE, 30);
    assertEquals(RejectionReason.INSUFFICIENT_BALANCE, rejection(single(101, ALICE, SINK, 31), 0));
    assertEquals(30, balance(ALICE));
    assertInstanceOf(TransferResult.Created.class, single(102, ALICE, SINK, 30).get(0));
    assertEquals(0, balance(ALICE));
  }

  @Test
  void debitLimit_rejectedBeyondFundLimit() {
    single(100, FUND, ALICE, 100 * 60 - 1);
    assertEquals(RejectionReason.DEBIT_LIMIT_EXCEEDED, rejection(single(101, FUND, BOB, 2), 0));
    assertInstanceOf(TransferResult.Created.class, single(102, FUND, BOB, 1).get(0));
  }

  @Test
  void creditsMustNotExceedDebits_rejected() {
    AccountId capped = acct(30);
    journal.execute(Command.OpenAccount.of(capped, AccountKind.CLEARING, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
    assertEquals(RejectionReason.CREDITS_EXCEED_DEBITS, rejection(single(100, FUND, capped, 1), 0));
  }

  @Test
  void overflow_rejected() {
    AccountId a = acct(40);
    AccountId b = acct(41);
    journal.execute(Command.OpenAccount.of(a, AccountKind.CLEARING));
    journal.execute(Command.OpenAccount.of(b, AccountKind.CLEARING));
    assertInstanceOf(TransferResult.Created.class, single(100, a, b, Long.MAX_VALUE).get(0));
    assertEquals(RejectionReason.OVERFLOW, rejection(single(101, a, b, 1), 0));
    assertEquals(Long.MAX_VALUE, balance(b));
  }

  @Test
  void unknownCorrectedTransfer_rejected() {
    TransferRequest t =
        new TransferRequest.Single(tid(100), ALICE, FUND, min(5), 2, Optional.of(tid(77)), "fix");
    assertEquals(RejectionReason.UNKNOWN_CORRECTED_TRANSFER, rejection(journal.execute(Command.TransferGroup.of(t)), 0));
  }

  @Test
  void correction_isNewLinkedEntryAndOriginalStays() {
    single(100, FUND, ALICE, 60);
    TransferRequest fix =
        new TransferRequest.Single(tid(101), ALICE, FUND, min(15), 2, Optional.of(tid(100)), "over-recorded");
    assertInstanceOf(TransferResult.Created.class, journal.execute(Command.TransferGroup.of(fix)).get(0));
    assertEquals(45, balance(ALICE));
    assertTrue(journal.transfer(tid(100)).orElseThrow().created());
    assertEquals(Optional.of(tid(100)), ((TransferRequest.Single) journal.transfer(tid(101)).orElseThrow().request()).corrects());
  }

  @Test
  void pending_thenPostPartially_releasesRest() {
    single(100, FUND, ALICE, 60);
    journal.execute(Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(101), ALICE, SINK, min(40), 3, Duration.ofHours(1))));
    Account a = journal.account(ALICE).orElseThrow();
    assertEquals(40, a.debitsPending());
    assertEquals(20, a.available());
    journal.execute(Command.TransferGroup.of(new TransferRequest.PostPending(tid(102), tid(101), Optional.of(min(25)))));
    a = journal.account(ALICE).orElseThrow();
    assertEquals(0, a.debitsPending());
    assertEquals(35, a.balance());
    assertEquals(Optional.of(PendingStatus.POSTED), journal.transfer(tid(101)).orElseThrow().pendingStatus());
  }

  @Test
  void unknownPending_rejected() {
    assertEquals(RejectionReason.UNKNOWN_PENDING_TRANSFER,
        rejection(journal.execute(Command.TransferGroup.of(TransferRequest.PostPending.full(tid(102), tid(101)))), 0));
  }

  @Test
  void notAPendingTransfer_rejected() {
    single(100, FUND, ALICE, 60);
    assertEquals(RejectionReason.NOT_A_PENDING_TRANSFER,
        rejection(journal.execute(Command.TransferGroup.of(new TransferRequest.VoidPending(tid(102), tid(100)))), 0));
  }

  void pendingFromFund(long id, long minutes) {
    journal.execute(Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(id), FUND, ALICE, min(minutes), 3, Duration.ofMinutes(10))));
  }

  @Test
  void pendingAlreadyPosted_rejected_resolvesAtMostOnce() {
    pendingFromFund(101, 30);
    journal.execute(Command.TransferGroup.of(TransferRequest.PostPending.full(tid(102), tid(101))));
    assertEquals(RejectionReason.PENDING_ALREADY_POSTED,
        rejection(journal.execute(Command.TransferGroup.of(TransferRequest.PostPending.full(tid(103), tid(101)))), 0));
    assertEquals(RejectionReason.PENDING_ALREADY_POSTED,
        rejection(journal.execute(Command.TransferGroup.of(new TransferRequest.VoidPending(tid(104), tid(101)))), 0));
    assertEquals(30, balance(ALICE));
  }

  @Test
  void pendingAlreadyVoided_rejected() {
    pendingFromFund(101, 30);
    journal.execute(Command.TransferGroup.of(new TransferRequest.VoidPending(tid(102), tid(101))));
    assertEquals(RejectionReason.PENDING_ALREADY_VOIDED,
        rejection(journal.execute(Command.TransferGroup.of(TransferRequest.PostPending.full(tid(103), tid(101)))), 0));
    assertEquals(0, balance(ALICE));
    assertEquals(0, journal.account(ALICE).orElseThrow().creditsPending());
  }

  @Test
  void timeoutPassed_pendingExpiresAsItsOwnRecord_andPostIsRejected() {
    pendingFromFund(101, 30);
    clock.advanceSeconds(601);
    long before = journal.size();
    List<TransferResult> r =
        journal.execute(Command.TransferGroup.of(TransferRequest.PostPending.full(tid(102), tid(101))));
    assertEquals(RejectionReason.PENDING_EXPIRED, rejection(r, 0));
    assertEquals(before + 2, journal.size(), "an expiry record, then the rejected post");
    assertEquals(Optional.of(PendingStatus.EXPIRED), journal.transfer(tid(101)).orElseThrow().pendingStatus());
    assertEquals(0, journal.account(FUND).orElseThrow().debitsPending());
  }

  @Test
  void expireDue_expiresWithoutOtherTraffic() {
    pendingFromFund(101, 30);
    pendingFromFund(102, 30);
    assertEquals(0, journal.expireDue());
    clock.advanceSeconds(599);
    assertEquals(0, journal.expireDue());
    clock.advanceSeconds(2);
    assertEquals(2, journal.expireDue());
    assertEquals(0, journal.account(ALICE).orElseThrow().creditsPending());
  }

  @Test
  void amountExceedsPending_rejected() {
    pendingFromFund(101, 30);
    assertEquals(RejectionReason.AMOUNT_EXCEEDS_PENDING,
        rejection(journal.execute(Command.TransferGroup.of(new TransferRequest.PostPending(tid(102), tid(101), Optional.of(min(31))))), 0));
  }

  @Test
  void postZero_rejected() {
    pendingFromFund(101, 30);
    assertEquals(RejectionReason.ZERO_AMOUNT,
        rejection(journal.execute(Command.TransferGroup.of(new TransferRequest.PostPending(tid(102), tid(101), Optional.of(min(0))))), 0));
  }

  @Test
  void retry_sameFields_returnsFirstOutcomeAndAppendsNothing() {
    single(100, FUND, ALICE, 60);
    long size = journal.size();
    TransferResult again = single(100, FUND, ALICE, 60).get(0);
    TransferResult.Created c = assertInstanceOf(TransferResult.Created.class, again);
    assertTrue(c.retry());
    assertEquals(size - 1, c.sequence());
    assertEquals(size, journal.size());
    assertEquals(60, balance(ALICE));
  }

  @Test
  void retry_ofRejection_returnsSameRejectionEvenWhenItWouldNowSucceed() {
    assertEquals(RejectionReason.INSUFFICIENT_BALANCE, rejection(single(100, ALICE, SINK, 10), 0));
    single(101, FUND, ALICE, 60);
    TransferResult.Rejected again = assertInstanceOf(TransferResult.Rejected.class, single(100, ALICE, SINK, 10).get(0));
    assertEquals(RejectionReason.INSUFFICIENT_BALANCE, again.reason());
    assertTrue(again.retry());
    assertEquals(60, balance(ALICE));
  }

  @Test
  void idReusedWithDifferentFields_rejectedAndNothingAppended() {
    single(100, FUND, ALICE, 60);
    long size = journal.size();
    assertEquals(RejectionReason.ID_REUSED_WITH_DIFFERENT_FIELDS, rejection(single(100, FUND, ALICE, 61), 0));
    assertEquals(size, journal.size());
    assertEquals(60, balance(ALICE));
  }

  @Test
  void duplicateIdInGroup_rejectedAndNothingAppended() {
    long size = journal.size();
    List<TransferResult> r = journal.execute(Command.TransferGroup.of(
        TransferRequest.Single.of(tid(100), FUND, ALICE, min(1), 1),
        TransferRequest.Single.of(tid(100), FUND, BOB, min(1), 1)));
    assertEquals(RejectionReason.DUPLICATE_ID_IN_GROUP, rejection(r, 0));
    assertEquals(size, journal.size());
  }

  @Test
  void linkedGroup_allOrNothing() {
    single(100, FUND, ALICE, 10);
    List<TransferResult> r = journal.execute(Command.TransferGroup.of(
        TransferRequest.Single.of(tid(101), FUND, BOB, min(50), 1),
        TransferRequest.Single.of(tid(102), ALICE, SINK, min(11), 1)));
    assertEquals(RejectionReason.LINKED_TRANSFER_FAILED, rejection(r, 0));
    assertEquals(RejectionReason.INSUFFICIENT_BALANCE, rejection(r, 1));
    assertEquals(0, balance(BOB));
    assertEquals(10, balance(ALICE));
    assertEquals(-10, balance(FUND));
  }

  @Test
  void linkedGroup_laterTransferPostsEarlierPending() {
    List<TransferResult> r = journal.execute(Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(101), FUND, ALICE, min(50), 1, Duration.ofMinutes(5)),
        TransferRequest.PostPending.full(tid(102), tid(101))));
    assertInstanceOf(TransferResult.Created.class, r.get(1));
    assertEquals(50, balance(ALICE));
  }

  @Test
  void accountExistsWithDifferentFields_rejected_sameFieldsIsRetry() {
    AccountResult again = journal.execute(Command.OpenAccount.member(ALICE));
    assertTrue(assertInstanceOf(AccountResult.Applied.class, again).retry());
    AccountResult other = journal.execute(Command.OpenAccount.of(ALICE, AccountKind.DONATION_POOL));
    assertEquals(RejectionReason.ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS,
        assertInstanceOf(AccountResult.Rejected.class, other).reason());
  }

  @Test
  void unknownAccount_statusChangeRejected() {
    AccountResult r = journal.execute(new Command.ChangeAccountStatus(acct(404), AccountStatus.FROZEN));
    assertEquals(RejectionReason.UNKNOWN_ACCOUNT, assertInstanceOf(AccountResult.Rejected.class, r).reason());
  }

  @Test
  void accountHasBalance_cannotClose() {
    single(100, FUND, ALICE, 10);
    AccountResult r = journal.execute(new Command.ChangeAccountStatus(ALICE, AccountStatus.CLOSED));
    assertEquals(RejectionReason.ACCOUNT_HAS_BALANCE, assertInstanceOf(AccountResult.Rejected.class, r).reason());
  }

  @Test
  void accountHasPending_cannotClose() {
    pendingFromFund(101, 10);
    AccountResult r = journal.execute(new Command.ChangeAccountStatus(ALICE, AccountStatus.CLOSED));
    assertEquals(RejectionReason.ACCOUNT_HAS_PENDING_TRANSFERS, assertInstanceOf(AccountResult.Rejected.class, r).reason());
  }

  @Test
  void closedAccount_staysClosed() {
    journal.execute(new Command.ChangeAccountStatus(BOB, AccountStatus.CLOSED));
    AccountResult r = journal.execute(new Command.ChangeAccountStatus(BOB, AccountStatus.OPEN));
    assertEquals(RejectionReason.INVALID_STATUS_CHANGE, assertInstanceOf(AccountResult.Rejected.class, r).reason());
  }

  @Test
  void timestamps_strictlyIncreaseEvenWhenClockStandsStill() throws Exception {
    single(100, FUND, ALICE, 1);
    single(101, FUND, ALICE, 1);
    long[] last = {Long.MIN_VALUE};
    journal.read(0, journal.size(), r -> {
      assertTrue(r.timestamp() > last[0]);
      last[0] = r.timestamp();
    });
  }

  @Test
  void note_isJournaledAndChained() throws Exception {
    NoteResult n = journal.execute(new Command.Note(7, new byte[] {1, 2, 3}));
    assertEquals(journal.size() - 1, n.sequence());
    LedgerRecord[] r = new LedgerRecord[1];
    journal.read(n.sequence(), n.sequence() + 1, x -> r[0] = x);
    assertEquals(new Command.Note(7, new byte[] {1, 2, 3}), ((LedgerRecord.Noted) r[0].body()).note());
  }

  @Test
  void reopen_replaysSameStateBytes() throws Exception {
    single(100, FUND, ALICE, 60);
    pendingFromFund(101, 5);
    byte[] before = journal.stateBytes();
    BranchJournal again = BranchJournal.open(store, Fixtures.config(clock));
    assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(again.stateBytes()));
  }

  @Test
  void open_wrongBranch_refused() {
    JournalIntegrityException e = assertThrows(JournalIntegrityException.class,
        () -> BranchJournal.open(store, BranchConfig.of("test-bank", "calligraphy").withClock(clock)));
    assertEquals(IntegrityProblem.BAD_GENESIS, e.failure().problem());
  }

  @Test
  void create_onNonEmptyStore_refused() {
    assertThrows(IllegalStateException.class, () -> BranchJournal.create(store, Fixtures.config(clock)));
  }

  @Test
  void closedJournal_refusesCommands() throws Exception {
    journal.close();
    assertThrows(JournalFailedException.class, () -> single(100, FUND, ALICE, 1));
  }
}
