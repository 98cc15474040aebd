package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.ledger.Fixtures.acct;
import static org.moralbank.ledger.Fixtures.min;
import static org.moralbank.ledger.Fixtures.tid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.Snapshot;

/**
 * A branch keeps of a finished transfer only its id, its place in the journal and how it stands,
 * and reads the rest back from the journal for a retry or a query: from the store, or from the
 * batch being decided when the original is not yet durable. These tests check each source, the
 * details read back, and what happens when the store cannot give a record back.
 */
class ReadBackTest {
  private static final AccountId FUND = acct(1);
  private static final AccountId ALICE = acct(2);
  private static final AccountId SINK = acct(3);

  /** A store whose reads fail while {@link #failReads} is set. */
  static final class FlakyStore extends ForwardingJournalStore {
    volatile boolean failReads;

    FlakyStore(InMemoryStore delegate) {
      super(delegate);
    }

    @Override
    public void read(long from, long to, RecordConsumer consumer) throws IOException {
      if (failReads) {
        throw new IOException("injected read failure");
      }
      super.read(from, to, consumer);
    }
  }

  private static Command.TransferGroup single(long id, AccountId debit, AccountId credit, long minutes) {
    return Command.TransferGroup.of(TransferRequest.Single.of(tid(id), debit, credit, min(minutes), 1));
  }

  private static BranchJournal open(FlakyStore store, Fixtures.ManualClock clock) {
    BranchJournal j = Fixtures.create(store, clock);
    j.execute(Command.OpenAccount.fund(FUND, Minutes.ofHours(100)));
    j.execute(Command.OpenAccount.member(ALICE));
    j.execute(Command.OpenAccount.of(SINK, AccountKind.REDEMPTION_SINK));
    return j;
  }

  @Test
  void retriesInTheSameBatch_areAnsweredFromTheStagedRecord() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    try (BranchJournal j = open(store, new Fixtures.ManualClock())) {
      long size = j.size();
      // The store cannot read, so every answer below comes from the batch itself.
      store.failReads = true;
      List<Object> results = j.submitAll(List.of(
          single(100, FUND, ALICE, 60),
          single(100, FUND, ALICE, 60),
          single(100, FUND, ALICE, 61),
          single(101, ALICE, SINK, 1000),
          single(101, ALICE, SINK, 1000))).join();
      TransferResult.Created first = assertInstanceOf(TransferResult.Created.class, ((List<?>) results.get(0)).get(0));
      TransferResult.Created retry = assertInstanceOf(TransferResult.Created.class, ((List<?>) results.get(1)).get(0));
      assertEquals(new TransferResult.Created(tid(100), first.sequence(), first.timestamp(), true), retry);
      assertEquals(RejectionReason.ID_REUSED_WITH_DIFFERENT_FIELDS,
          assertInstanceOf(TransferResult.Rejected.class, ((List<?>) results.get(2)).get(0)).reason());
      assertEquals(new TransferResult.Rejected(tid(101), RejectionReason.INSUFFICIENT_BALANCE, true),
          ((List<?>) results.get(4)).get(0));
      assertEquals(size + 2, j.size(), "two records: the deposit and the rejection");
    }
  }

  @Test
  void retriesAndQueries_readBackFromTheStore_afterASnapshotAndReopen() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    TransferResult.Created deposit;
    // The first journal stays open: closing it would close the in-memory store with its records.
    BranchJournal first = open(store, clock);
    {
      BranchJournal j = first;
      deposit = (TransferResult.Created) j.execute(single(100, FUND, ALICE, 60)).get(0);
      // A linked group whose second transfer fails: both rejected, for different reasons.
      j.execute(Command.TransferGroup.of(
          TransferRequest.Single.of(tid(101), ALICE, SINK, min(10), 1),
          TransferRequest.Single.of(tid(102), ALICE, SINK, min(1000), 1)));
      j.execute(Command.TransferGroup.of(
          TransferRequest.Pending.of(tid(103), FUND, ALICE, min(30), 2, Duration.ofMinutes(5))));
      j.execute(Command.TransferGroup.of(
          new TransferRequest.PostPending(tid(104), tid(103), Optional.of(min(20)))));
      j.execute(Command.TransferGroup.of(
          TransferRequest.Pending.of(tid(105), FUND, ALICE, min(7), 2, Duration.ofMinutes(5))));
      j.snapshot();
    }
    try (first; BranchJournal j = BranchJournal.open(store, Fixtures.config(clock))) {
      assertEquals(new TransferResult.Created(tid(100), deposit.sequence(), deposit.timestamp(), true),
          j.execute(single(100, FUND, ALICE, 60)).get(0));
      Transfer linked = j.transfer(tid(101)).orElseThrow();
      assertEquals(Optional.of(RejectionReason.LINKED_TRANSFER_FAILED), linked.rejection());
      assertEquals(TransferRequest.Single.of(tid(101), ALICE, SINK, min(10), 1), linked.request());
      assertEquals(Optional.of(RejectionReason.INSUFFICIENT_BALANCE), j.transfer(tid(102)).orElseThrow().rejection());
      Transfer posted = j.transfer(tid(103)).orElseThrow();
      assertEquals(Optional.of(PendingStatus.POSTED), posted.pendingStatus());
      assertEquals(posted.timestamp() + Duration.ofMinutes(5).toNanos(), posted.deadline());
      Transfer stillPending = j.transfer(tid(105)).orElseThrow();
      assertEquals(Optional.of(PendingStatus.PENDING), stillPending.pendingStatus());
      assertEquals(Optional.empty(), j.transfer(tid(999)));
      // A post of the finished pending transfer is refused for what it is, not as unknown.
      assertEquals(new TransferResult.Rejected(tid(106), RejectionReason.PENDING_ALREADY_POSTED, false),
          j.execute(Command.TransferGroup.of(new TransferRequest.PostPending(tid(106), tid(103), Optional.empty()))).get(0));
    }
  }

  @Test
  void aQueryOrRetryTheStoreCannotAnswer_failsAlone_andTheJournalGoesOn() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    try (BranchJournal j = open(store, new Fixtures.ManualClock())) {
      j.execute(single(100, FUND, ALICE, 60));
      store.failReads = true;
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> j.transfer(tid(100)));
      assertTrue(e.getMessage().contains("could not read back record"), e.getMessage());
      long size = j.size();
      // A retry cannot be answered without its record, so it fails, and nothing is appended.
      assertThrows(UncheckedIOException.class, () -> j.execute(single(100, FUND, ALICE, 60)));
      assertEquals(size, store.size());
      // The journal goes on: a new transfer needs nothing read back.
      assertInstanceOf(TransferResult.Created.class, j.execute(single(101, FUND, ALICE, 1)).get(0));
      store.failReads = false;
      assertTrue(j.execute(single(100, FUND, ALICE, 60)).get(0) instanceof TransferResult.Created c && c.retry());
      assertEquals(61, j.account(ALICE).orElseThrow().balance());
    }
  }

  /**
   * A snapshot that passes its checks but disagrees with its journal about one transfer (here its
   * position in the group): the query fails with the record named, the journal goes on, and a
   * retry of that transfer stops the journal rather than answer from a wrong record.
   */
  @Test
  void aSnapshotThatDisagreesWithItsJournal_failsTheQuery_andStopsOnARetry() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal first = open(store, clock);
    first.execute(single(100, FUND, ALICE, 60));
    byte[] state = first.stateBytes();
    // The transfer's entry: its id, then the sequence of the record that holds it.
    int at = indexOf(state, java.nio.ByteBuffer.allocate(24).putLong(0).putLong(100).putLong(first.size() - 1).array());
    state[at + 16 + 8 + 1] = 1;   // position 1 of a group of one
    store.saveSnapshot(new Snapshot(first.size(), first.head(), state));
    try (first; BranchJournal j = BranchJournal.open(store, Fixtures.config(clock))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> j.transfer(tid(100)));
      assertTrue(e.getMessage().contains("disagrees with record"), e.getMessage());
      assertInstanceOf(TransferResult.Created.class, j.execute(single(101, FUND, ALICE, 1)).get(0));
      assertThrows(JournalFailedException.class, () -> j.execute(single(100, FUND, ALICE, 60)));
    }
  }

  @Test
  void aLinkedGroupThatPostsItsOwnPendingThenFails_leavesNothing_andItsRetryIsRejectedAlike() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal first = open(store, clock);
    first.execute(single(100, FUND, ALICE, 60));
    Command.TransferGroup group = Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(200), FUND, ALICE, min(30), 2, Duration.ofMinutes(5)),
        new TransferRequest.PostPending(tid(201), tid(200), Optional.empty()),
        new TransferRequest.VoidPending(tid(202), tid(200)));
    List<TransferResult> results = first.execute(group);
    assertEquals(List.of(
        new TransferResult.Rejected(tid(200), RejectionReason.LINKED_TRANSFER_FAILED, false),
        new TransferResult.Rejected(tid(201), RejectionReason.LINKED_TRANSFER_FAILED, false),
        new TransferResult.Rejected(tid(202), RejectionReason.PENDING_ALREADY_POSTED, false)), results);
    assertEquals(60, first.account(ALICE).orElseThrow().balance());
    assertEquals(0, first.account(ALICE).orElseThrow().creditsPending());
    first.snapshot();
    try (first; BranchJournal j = BranchJournal.open(store, Fixtures.config(clock))) {
      List<TransferResult> again = j.execute(group);
      for (int i = 0; i < 3; i++) {
        TransferResult.Rejected r = (TransferResult.Rejected) again.get(i);
        assertEquals(((TransferResult.Rejected) results.get(i)).reason(), r.reason());
        assertTrue(r.retry());
      }
      Transfer pending = j.transfer(tid(200)).orElseThrow();
      assertEquals(Optional.of(RejectionReason.LINKED_TRANSFER_FAILED), pending.rejection());
      assertEquals(Optional.empty(), pending.pendingStatus());
      assertEquals(0, pending.deadline());
    }
  }

  @Test
  void voidedAndExpiredTransfers_keepTheirDeadline_afterReopen() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal first = open(store, clock);
    first.execute(Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(300), FUND, ALICE, min(30), 2, Duration.ofSeconds(1))));
    first.execute(Command.TransferGroup.of(
        TransferRequest.Pending.of(tid(301), FUND, ALICE, min(30), 2, Duration.ofDays(1))));
    first.execute(Command.TransferGroup.of(new TransferRequest.VoidPending(tid(302), tid(301))));
    clock.advanceSeconds(2);
    assertEquals(1, first.expireDue());
    Transfer expiredBefore = first.transfer(tid(300)).orElseThrow();
    Transfer voidedBefore = first.transfer(tid(301)).orElseThrow();
    first.snapshot();
    try (first; BranchJournal j = BranchJournal.open(store, Fixtures.config(clock))) {
      Transfer expired = j.transfer(tid(300)).orElseThrow();
      assertEquals(expiredBefore, expired);
      assertEquals(Optional.of(PendingStatus.EXPIRED), expired.pendingStatus());
      assertEquals(expired.timestamp() + Duration.ofSeconds(1).toNanos(), expired.deadline());
      Transfer voided = j.transfer(tid(301)).orElseThrow();
      assertEquals(voidedBefore, voided);
      assertEquals(Optional.of(PendingStatus.VOIDED), voided.pendingStatus());
      assertEquals(voided.timestamp() + Duration.ofDays(1).toNanos(), voided.deadline());
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void aVersion1Snapshot_isIgnored_andTheJournalReplays() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal first = open(store, clock);
    first.execute(single(100, FUND, ALICE, 60));
    byte[] state = first.stateBytes();
    byte[] old = state.clone();
    old[0] = 1;
    store.saveSnapshot(new Snapshot(first.size(), first.head(), old));
    try (first; BranchJournal j = BranchJournal.open(store, Fixtures.config(clock))) {
      assertArrayEquals(state, j.stateBytes());
      assertEquals(60, j.account(ALICE).orElseThrow().balance());
    }
  }
}
