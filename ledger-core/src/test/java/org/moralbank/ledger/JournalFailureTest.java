package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.Snapshot;
import org.moralbank.ledger.store.Stores;

/** Fail-stop after a failed write, and catching up after another writer won a race. */
class JournalFailureTest {
  static final AccountId FUND = AccountId.of(1);
  static final AccountId ALICE = AccountId.of(2);

  /** Delegates to an in-memory store, failing appends while {@code failing} is set. */
  static class FlakyStore extends ForwardingJournalStore {
    final InMemoryStore inner;
    final AtomicBoolean failing = new AtomicBoolean();

    FlakyStore() {
      this(new InMemoryStore());
    }

    private FlakyStore(InMemoryStore inner) {
      super(inner);
      this.inner = inner;
    }

    @Override
    public void append(List<JournalRecord> batch) throws IOException {
      if (failing.get()) {
        throw new IOException("injected: fsync failed");
      }
      super.append(batch);
    }

    /** Stays open: tests reopen a journal over the same records. */
    @Override
    public void close() {}
  }

  /** One shared record list seen by several writers, each with its own possibly stale view. */
  static final class SharedLog {
    final List<JournalRecord> records = new ArrayList<>();

    JournalStore view() {
      return new JournalStore() {
        long size;
        Hash head = Hash.ZERO;

        @Override
        public long size() {
          return size;
        }

        @Override
        public Hash head() {
          return head;
        }

        @Override
        public void append(List<JournalRecord> batch) throws IOException {
          synchronized (records) {
            if (records.size() != size) {
              throw new AppendConflictException("another writer appended first");
            }
            Stores.checkBatch(batch, size, head);
            records.addAll(batch);
            size = records.size();
            head = records.get(records.size() - 1).hash();
          }
        }

        @Override
        public void refresh() {
          synchronized (records) {
            size = records.size();
            head = size == 0 ? Hash.ZERO : records.get((int) size - 1).hash();
          }
        }

        @Override
        public void read(long from, long to, RecordConsumer consumer) throws IOException {
          List<JournalRecord> copy;
          synchronized (records) {
            Stores.checkRange(from, to, records.size());
            copy = new ArrayList<>(records.subList((int) from, (int) to));
          }
          for (JournalRecord r : copy) {
            consumer.accept(r);
          }
        }

        @Override
        public void saveSnapshot(Snapshot snapshot) {}

        @Override
        public Optional<Snapshot> latestSnapshot() {
          return Optional.empty();
        }

        @Override
        public void close() {}
      };
    }
  }

  static Command.TransferGroup deposit(long id, long minutes) {
    return Command.TransferGroup.of(
        TransferRequest.Single.of(TransferId.of(id), FUND, ALICE, Minutes.of(minutes), 1));
  }

  @Test
  void failedAppend_failsBatch_thenEveryLaterCommand_andReopenRecovers() throws Exception {
    FlakyStore store = new FlakyStore();
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal journal = Fixtures.create(store, clock);
    journal.execute(Command.OpenAccount.fund(FUND));
    journal.execute(Command.OpenAccount.member(ALICE));
    journal.execute(deposit(10, 30));
    long acknowledged = journal.size();

    store.failing.set(true);
    JournalFailedException e = assertThrows(JournalFailedException.class, () -> journal.execute(deposit(11, 5)));
    assertInstanceOf(IOException.class, e.getCause());
    store.failing.set(false);
    // Fail-stop: even though the store works again, this journal accepts nothing more.
    assertThrows(JournalFailedException.class, () -> journal.execute(deposit(12, 5)));
    assertThrows(JournalFailedException.class, () -> journal.account(ALICE));
    assertEquals(acknowledged, store.size(), "nothing of the failed batch reached the store");

    BranchJournal reopened = BranchJournal.open(store, Fixtures.config(clock));
    assertEquals(30, reopened.account(ALICE).orElseThrow().balance());
    assertInstanceOf(TransferResult.Created.class, reopened.execute(deposit(11, 5)).get(0));
    assertEquals(35, reopened.account(ALICE).orElseThrow().balance());
  }

  @Test
  void submitAll_reachesTheStoreInOneAppend() throws Exception {
    java.util.concurrent.atomic.AtomicInteger appends = new java.util.concurrent.atomic.AtomicInteger();
    FlakyStore store = new FlakyStore() {
      @Override
      public void append(List<JournalRecord> batch) throws IOException {
        appends.incrementAndGet();
        super.append(batch);
      }
    };
    BranchJournal journal = Fixtures.create(store, new Fixtures.ManualClock());
    journal.execute(Command.OpenAccount.fund(FUND));
    journal.execute(Command.OpenAccount.member(ALICE));
    int before = appends.get();
    long size = journal.size();
    List<Command<?>> unit = new ArrayList<>();
    unit.add(new Command.Note(300, new byte[] {1}));
    for (int i = 0; i < 50; i++) {
      unit.add(deposit(500 + i, 1));
    }
    journal.submitAll(unit).join();
    assertEquals(before + 1, appends.get(), "one durable write for the whole unit");
    assertEquals(size + 51, journal.size());
  }

  @Test
  void failedAppend_failsEveryCommandOfItsBatch() throws Exception {
    FlakyStore store = new FlakyStore();
    BranchJournal journal = Fixtures.create(store, new Fixtures.ManualClock());
    journal.execute(Command.OpenAccount.fund(FUND));
    journal.execute(Command.OpenAccount.member(ALICE));
    store.failing.set(true);
    CompletableFuture<List<Object>> all = journal.submitAll(List.of(deposit(1, 1), deposit(2, 2), deposit(3, 3)));
    CompletionException e = assertThrows(CompletionException.class, all::join);
    assertInstanceOf(JournalFailedException.class, e.getCause());
  }

  @Test
  void twoWritersOnOneSharedLog_neverFork_andBothSeeAllTransfers() throws Exception {
    SharedLog log = new SharedLog();
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal a = BranchJournal.create(log.view(), Fixtures.config(clock));
    a.execute(Command.OpenAccount.fund(FUND));
    a.execute(Command.OpenAccount.member(ALICE));
    BranchJournal b = BranchJournal.open(log.view(), Fixtures.config(clock));

    List<CompletableFuture<List<TransferResult>>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      BranchJournal writer = i % 2 == 0 ? a : b;
      futures.add(writer.submit(deposit(1000 + i, 1)));
      clock.now.addAndGet(1000);
    }
    for (CompletableFuture<List<TransferResult>> f : futures) {
      assertInstanceOf(TransferResult.Created.class, f.join().get(0));
    }
    // A lost race is retried after catching up; after catching up, each side knows every transfer.
    assertEquals(log.records.size(), a.catchUp());
    assertEquals(log.records.size(), b.catchUp());
    assertEquals(200, a.account(ALICE).orElseThrow().balance());
    assertEquals(200, b.account(ALICE).orElseThrow().balance());
    JournalVerifier.Report report = JournalVerifier.verify(log.view(), Optional.empty());
    assertTrue(report.sound(), report.toString());
    assertEquals(log.records.size(), report.records());
    BranchJournal c = BranchJournal.open(log.view(), Fixtures.config(clock));
    assertEquals(200, c.account(ALICE).orElseThrow().balance());
    // The same transfer submitted through both writers is created once.
    assertTrue(((TransferResult.Created) b.execute(deposit(1000, 1)).get(0)).retry());
  }
}
