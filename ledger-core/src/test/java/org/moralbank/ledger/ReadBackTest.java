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
  void aQueryTheStoreCannotAnswer_failsAlone_aRetryStopsTheJournal() throws Exception {
    FlakyStore store = new FlakyStore(new InMemoryStore());
    try (BranchJournal j = open(store, new Fixtures.ManualClock())) {
      j.execute(single(100, FUND, ALICE, 60));
      store.failReads = true;
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> j.transfer(tid(100)));
      assertTrue(e.getMessage().contains("could not read back record"), e.getMessage());
      // The journal goes on: a new transfer needs nothing read back.
      assertInstanceOf(TransferResult.Created.class, j.execute(single(101, FUND, ALICE, 1)).get(0));
      // A retry cannot be answered without its record: fail-stop, as for any store failure.
      long size = j.size();
      assertThrows(JournalFailedException.class, () -> j.execute(single(100, FUND, ALICE, 60)));
      assertThrows(JournalFailedException.class, () -> j.execute(single(102, FUND, ALICE, 1)));
      assertEquals(size, store.size(), "nothing appended after the failure");
    }
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
