package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.ledger.Fixtures.acct;
import static org.moralbank.ledger.Fixtures.min;
import static org.moralbank.ledger.Fixtures.tid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * A branch's state keeps of a transfer that can no longer be pending only its id, its place in the
 * journal and its outcome, and a verifier's state never reads the journal back. These cases are
 * the decisions that read such an entry (posting, voiding or correcting an applied, a rejected or
 * a finished pending transfer): the verifier must reach the engine's outcome for every one, and
 * notice when a record claims another.
 */
class VerifierStateTest {
  private static final AccountId FUND = acct(1);
  private static final AccountId A = acct(2);
  private static final AccountId B = acct(3);

  /** Each transfer's id, and the rejection the engine gave it (null when applied). */
  private final List<Object[]> expected = new ArrayList<>();
  private final InMemoryStore store = new InMemoryStore();

  private static Command.TransferGroup one(TransferRequest r) {
    return Command.TransferGroup.of(r);
  }

  private static TransferRequest.Single single(long id, AccountId from, AccountId to, long minutes) {
    return TransferRequest.Single.of(tid(id), from, to, min(minutes), 1);
  }

  private static TransferRequest.Single correction(long id, long corrects) {
    return new TransferRequest.Single(tid(id), FUND, A, min(1), 1, Optional.of(tid(corrects)), "");
  }

  private static RejectionReason outcome(List<TransferResult> results, int i) {
    return results.get(i) instanceof TransferResult.Rejected r ? r.reason() : null;
  }

  /** The journal of the cases, each outcome checked against what the engine must decide. */
  private List<byte[]> journal() throws Exception {
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    try (BranchJournal j = Fixtures.create(store, clock)) {
      j.execute(Command.OpenAccount.fund(FUND));
      j.execute(Command.OpenAccount.member(A));
      j.execute(Command.OpenAccount.member(B));
      Object[][] cases = {
        {single(1, FUND, A, 60), null},
        {single(2, A, B, 1000), RejectionReason.INSUFFICIENT_BALANCE},
        {TransferRequest.PostPending.full(tid(3), tid(1)), RejectionReason.NOT_A_PENDING_TRANSFER},
        {TransferRequest.PostPending.full(tid(4), tid(2)), RejectionReason.UNKNOWN_PENDING_TRANSFER},
        {new TransferRequest.VoidPending(tid(5), tid(1)), RejectionReason.NOT_A_PENDING_TRANSFER},
        {correction(6, 1), null},
        {correction(7, 2), RejectionReason.UNKNOWN_CORRECTED_TRANSFER},
        {correction(8, 3), RejectionReason.UNKNOWN_CORRECTED_TRANSFER},
        {TransferRequest.Pending.of(tid(9), FUND, B, min(30), 1, Duration.ofHours(1)), null},
        {new TransferRequest.PostPending(tid(10), tid(9), Optional.of(min(20))), null},
        {new TransferRequest.VoidPending(tid(11), tid(9)), RejectionReason.PENDING_ALREADY_POSTED},
        {TransferRequest.Pending.of(tid(12), FUND, A, min(5), 1, Duration.ofHours(1)), null},
        {new TransferRequest.VoidPending(tid(13), tid(12)), null},
        {TransferRequest.PostPending.full(tid(14), tid(12)), RejectionReason.PENDING_ALREADY_VOIDED},
        {correction(15, 9), null},
      };
      for (Object[] c : cases) {
        TransferRequest r = (TransferRequest) c[0];
        List<TransferResult> results = j.execute(one(r));
        assertEquals(c[1], outcome(results, 0), "the engine's outcome for " + r);
        expected.add(new Object[] {r.id(), c[1]});
      }
      // A linked group that fails at its second transfer: the first is rejected as linked, and a
      // correction of it is a correction of a rejected transfer.
      List<TransferResult> linked = j.execute(Command.TransferGroup.of(
          single(16, FUND, A, 1), single(17, A, B, 100_000)));
      assertEquals(RejectionReason.LINKED_TRANSFER_FAILED, outcome(linked, 0));
      assertEquals(RejectionReason.INSUFFICIENT_BALANCE, outcome(linked, 1));
      assertEquals(RejectionReason.UNKNOWN_CORRECTED_TRANSFER,
          outcome(j.execute(one(correction(18, 16))), 0));
      assertEquals(RejectionReason.UNKNOWN_PENDING_TRANSFER,
          outcome(j.execute(one(TransferRequest.PostPending.full(tid(19), tid(17)))), 0));
    }
    List<byte[]> out = new ArrayList<>();
    for (JournalRecord r : store.records()) {
      out.add(r.bytes());
    }
    return out;
  }

  @Test
  void everyDecisionThatReadsBackAFinishedTransfer_replaysAsTheEngineDecidedIt() throws Exception {
    List<byte[]> records = journal();
    JournalVerifier sequential = new JournalVerifier();
    records.forEach(sequential::accept);
    JournalVerifier.Report one = sequential.finish();
    assertTrue(one.sound(), one.toString());
    assertEquals(records.size(), one.records());
    InMemoryStore open = new InMemoryStore(); // the journal closed its own
    open.append(store.records());
    assertEquals(one, JournalVerifier.verify(open, Optional.empty()), "two threads, one verdict");
  }

  @Test
  void aRecordClaimingAnotherOutcomeForAFinishedTransfer_isAnOutcomeMismatch() throws Exception {
    List<byte[]> records = journal();
    int checked = 0;
    for (int k = 4; k < records.size(); k++) {
      LedgerRecord r = LedgerRecord.decode(records.get(k));
      if (!(r.body() instanceof LedgerRecord.Transfers t) || t.group().transfers().size() != 1) {
        continue;
      }
      // Claim the other outcome: applied for a rejection, and a rejection for an applied one;
      // for NOT_A_PENDING_TRANSFER and UNKNOWN_PENDING_TRANSFER, the one the other entry gives.
      Optional<LedgerRecord.Rejection> claim;
      if (t.rejection().isEmpty()) {
        claim = Optional.of(new LedgerRecord.Rejection(0, RejectionReason.INSUFFICIENT_BALANCE));
      } else if (t.rejection().get().reason() == RejectionReason.NOT_A_PENDING_TRANSFER) {
        claim = Optional.of(new LedgerRecord.Rejection(0, RejectionReason.UNKNOWN_PENDING_TRANSFER));
      } else if (t.rejection().get().reason() == RejectionReason.UNKNOWN_PENDING_TRANSFER) {
        claim = Optional.of(new LedgerRecord.Rejection(0, RejectionReason.NOT_A_PENDING_TRANSFER));
      } else {
        claim = Optional.empty();
      }
      byte[] forged = new LedgerRecord(k, r.timestamp(), r.previousHash(),
          new LedgerRecord.Transfers(t.group(), claim)).encode();
      JournalVerifier v = new JournalVerifier();
      for (int i = 0; i < k; i++) {
        assertTrue(v.accept(records.get(i)));
      }
      v.accept(forged);
      IntegrityFailure f = v.finish().failure().orElseThrow(
          () -> new AssertionError("a forged outcome verified: " + r));
      assertEquals(k, f.sequence(), f.toString());
      assertEquals(IntegrityProblem.OUTCOME_MISMATCH, f.problem(), f.toString());
      checked++;
    }
    assertEquals(expected.size() + 2, checked, "every single-transfer record was forged once");
  }

  /**
   * The two-thread verifier compares the anchor on its reading thread, which runs ahead of the
   * replay: a forged last record fails both the anchor and the replay at the same sequence, and
   * the replay's finding (what is wrong with the record) must be the one reported.
   */
  @Test
  void aForgedLastRecord_underAnAnchor_isReportedAsTheOutcomeMismatch() throws Exception {
    List<byte[]> records = journal();
    int k = records.size() - 1;
    LedgerRecord r = LedgerRecord.decode(records.get(k));
    LedgerRecord.Transfers t = (LedgerRecord.Transfers) r.body();
    Optional<LedgerRecord.Rejection> claim = t.rejection().isPresent()
        ? Optional.empty() : Optional.of(new LedgerRecord.Rejection(0, RejectionReason.INSUFFICIENT_BALANCE));
    byte[] forged = new LedgerRecord(k, r.timestamp(), r.previousHash(), new LedgerRecord.Transfers(t.group(), claim)).encode();
    InMemoryStore genuine = new InMemoryStore();
    genuine.append(store.records());
    JournalVerifier.Report sound = JournalVerifier.verify(genuine, Optional.empty());
    JournalVerifier.Anchor anchor = JournalVerifier.Anchor.ofRoot(sound.tree().orElseThrow());
    assertEquals(Optional.empty(), JournalVerifier.verify(genuine, Optional.of(anchor)).failure());
    InMemoryStore tampered = new InMemoryStore();
    List<JournalRecord> copy = new ArrayList<>(store.records());
    JournalRecord last = copy.get(k);
    copy.set(k, new JournalRecord(k, last.previousHash(), HashAlgorithm.SHA_256.leafHash(forged), forged));
    tampered.append(copy);
    IntegrityFailure f = JournalVerifier.verify(tampered, Optional.of(anchor)).failure().orElseThrow();
    assertEquals(k, f.sequence(), f.toString());
    assertEquals(IntegrityProblem.OUTCOME_MISMATCH, f.problem(), f.toString());
  }

  @Test
  void aGroupJournaledTwice_isAnImpossibleRecord() throws Exception {
    List<byte[]> records = journal();
    int n = records.size();
    LedgerRecord last = LedgerRecord.decode(records.get(n - 1));
    // Record 4 deposited transfer 1; append the same group again, properly chained.
    LedgerRecord first = LedgerRecord.decode(records.get(4));
    assertTrue(first.body() instanceof LedgerRecord.Transfers, first.toString());
    byte[] again = new LedgerRecord(n, last.timestamp() + 1,
        HashAlgorithm.SHA_256.leafHash(records.get(n - 1)), first.body()).encode();
    JournalVerifier v = new JournalVerifier();
    records.forEach(v::accept);
    v.accept(again);
    IntegrityFailure f = v.finish().failure().orElseThrow();
    assertEquals(n, f.sequence(), f.toString());
    assertEquals(IntegrityProblem.IMPOSSIBLE_RECORD, f.problem(), f.toString());
    assertTrue(f.detail().contains("transfer " + tid(1) + " was journaled before"), f.toString());
  }

  @Test
  void aStateWithoutItsJournal_refusesQueriesAndRetries_butDecidesNewTransfers() {
    BranchState s = new BranchState(BranchConfig.of("b", "c").genesis(), 10);
    s.open(Command.OpenAccount.fund(FUND), 1);
    s.open(Command.OpenAccount.member(A), 2);
    Command.TransferGroup g = one(single(1, FUND, A, 1));
    assertTrue(s.transfers(g, 3, 3).journal());
    s.commit();
    assertThrows(IllegalStateException.class, () -> s.transfer(tid(1)));
    assertThrows(IllegalStateException.class, () -> s.transfers(g, 4, 4));
    assertEquals(Optional.empty(), s.transfer(tid(2)));
  }
}
