package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/** Futures are completed by the journal's notifier thread, in order, off the writer thread. */
class NotifierTest {
  static final AccountId FUND = AccountId.of(1);
  static final AccountId ALICE = AccountId.of(2);

  private static Command.TransferGroup deposit(long id) {
    return Command.TransferGroup.of(TransferRequest.Single.of(TransferId.of(id), FUND, ALICE, Minutes.of(1), 1));
  }

  /** Holds the writer inside {@code append} while {@link #gate} is closed. */
  static final class GatedStore extends JournalFailureTest.FlakyStore {
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public void append(List<JournalRecord> batch) throws java.io.IOException {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      super.append(batch);
    }
  }

  @Test
  void aCallbackThatBlocks_delaysOnlyTheAcknowledgements_notTheWriter() throws Exception {
    GatedStore store = new GatedStore();
    try (BranchJournal journal = Fixtures.create(store, new Fixtures.ManualClock())) {
      journal.execute(Command.OpenAccount.fund(FUND));
      journal.execute(Command.OpenAccount.member(ALICE));
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch blocking = new CountDownLatch(1);
      AtomicReference<String> callbackThread = new AtomicReference<>();
      store.gate = new CountDownLatch(1);
      CompletableFuture<List<TransferResult>> first = journal.submit(deposit(1));
      // The writer is held in append, so the callback is attached before the future completes.
      CompletableFuture<Void> blocked = first.thenRun(() -> {
        callbackThread.set(Thread.currentThread().getName());
        blocking.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      store.gate.countDown();
      assertTrue(blocking.await(30, TimeUnit.SECONDS), "the callback ran");
      assertTrue(callbackThread.get().endsWith("-notifier"), callbackThread.get());
      long before = store.size();

      List<CompletableFuture<List<TransferResult>>> later = new ArrayList<>();
      for (long id = 2; id <= 50; id++) {
        later.add(journal.submit(deposit(id)));
      }
      // The writer makes all of them durable although the notifier is stuck in the callback.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.size() < before + 49 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(before + 49, store.size());
      assertFalse(later.get(0).isDone(), "acknowledged before the notifier got to it");

      release.countDown();
      blocked.get(30, TimeUnit.SECONDS);
      for (CompletableFuture<List<TransferResult>> f : later) {
        assertInstanceOf(TransferResult.Created.class, f.get(30, TimeUnit.SECONDS).get(0));
      }
      assertEquals(50 * 1L, journal.account(ALICE).orElseThrow().balance());
    }
  }

  @Test
  void futuresComplete_inTheOrderTheCommandsWereSubmitted() throws Exception {
    try (BranchJournal journal = Fixtures.create(new InMemoryStore(), new Fixtures.ManualClock())) {
      journal.execute(Command.OpenAccount.fund(FUND));
      journal.execute(Command.OpenAccount.member(ALICE));
      List<Long> completed = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (long id = 1; id <= 5000; id++) {
        long n = id;
        all.add(journal.submit(deposit(id)).thenRun(() -> completed.add(n)));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      List<Long> expected = new ArrayList<>();
      for (long id = 1; id <= 5000; id++) {
        expected.add(id);
      }
      assertEquals(expected, completed);
    }
  }

  @Test
  void close_completesEverythingAlreadySubmitted() throws Exception {
    BranchJournal journal = Fixtures.create(new InMemoryStore(), new Fixtures.ManualClock());
    journal.execute(Command.OpenAccount.fund(FUND));
    journal.execute(Command.OpenAccount.member(ALICE));
    List<CompletableFuture<List<TransferResult>>> pending = new ArrayList<>();
    for (long id = 1; id <= 1000; id++) {
      pending.add(journal.submit(deposit(id)));
    }
    journal.close();
    for (CompletableFuture<List<TransferResult>> f : pending) {
      assertTrue(f.isDone(), "close returned before acknowledging a queued command");
      assertInstanceOf(TransferResult.Created.class, f.join().get(0));
    }
  }

  @Test
  void aCallbackOnTheNotifier_mayCloseTheJournal() throws Exception {
    GatedStore store = new GatedStore();
    BranchJournal journal = Fixtures.create(store, new Fixtures.ManualClock());
    journal.execute(Command.OpenAccount.fund(FUND));
    journal.execute(Command.OpenAccount.member(ALICE));
    CompletableFuture<String> closedBy = new CompletableFuture<>();
    store.gate = new CountDownLatch(1);
    journal.submit(deposit(1)).thenRun(() -> {
      try {
        journal.close();
        closedBy.complete(Thread.currentThread().getName());
      } catch (java.io.IOException | RuntimeException e) {
        closedBy.completeExceptionally(e);
      }
    });
    store.gate.countDown();
    assertTrue(closedBy.get(30, TimeUnit.SECONDS).endsWith("-notifier"));
    assertThrows(JournalFailedException.class, () -> journal.execute(deposit(2)));
  }
}
