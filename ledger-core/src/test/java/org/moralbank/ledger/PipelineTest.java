package org.moralbank.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.ledger.Fixtures.acct;
import static org.moralbank.ledger.Fixtures.min;
import static org.moralbank.ledger.Fixtures.tid;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.InMemoryStore;
import org.moralbank.ledger.store.JournalRecord;

/**
 * Over an exclusive store the journal appends a batch of 32 records or more on a second thread
 * and decides the next batch meanwhile. These tests hold such appends open and check what
 * that may and may not change: nothing is acknowledged before it is durable, batches complete in
 * order, a failed append fails the batch decided after it unwritten, a retry of a transfer still
 * in flight is answered from memory, and the store is never read while an append is under way.
 */
class PipelineTest {
  private static final AccountId FUND = acct(1);
  private static final AccountId ALICE = acct(2);

  /** An append held open until released, keyed by the sequence of its first record. */
  record Gate(CountDownLatch entered, CountDownLatch release, boolean fail) {
    Gate(boolean fail) {
      this(new CountDownLatch(1), new CountDownLatch(1), fail);
    }

    void awaitEntered() throws InterruptedException {
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the append never started");
    }
  }

  /** An exclusive store whose gated appends wait for their release (and may then fail). */
  static final class GatedStore extends ForwardingJournalStore {
    final Map<Long, Gate> gates = new ConcurrentHashMap<>();
    volatile boolean appending;
    /** Set when the store was read while an append was under way: the journal must not do that. */
    volatile boolean readDuringAppend;
    /** The thread that made the last gated append. */
    volatile String gatedThread;

    GatedStore() {
      super(new InMemoryStore());
    }

    Gate gate(long firstSequence, boolean fail) {
      Gate g = new Gate(fail);
      gates.put(firstSequence, g);
      return g;
    }

    @Override
    public void read(long from, long to, RecordConsumer consumer) throws IOException {
      readDuringAppend |= appending;
      super.read(from, to, consumer);
    }

    @Override
    public void append(List<JournalRecord> batch) throws IOException {
      appending = true;
      try {
        Gate g = gates.remove(batch.get(0).sequence());
        if (g != null) {
          gatedThread = Thread.currentThread().getName();
          g.entered.countDown();
          try {
            if (!g.release.await(30, TimeUnit.SECONDS)) {
              throw new IOException("never released");
            }
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          if (g.fail) {
            throw new IOException("injected append failure");
          }
        }
        super.append(batch);
      } finally {
        appending = false;
      }
    }
  }

  private static Command.TransferGroup single(long id, long minutes) {
    return Command.TransferGroup.of(TransferRequest.Single.of(tid(id), FUND, ALICE, min(minutes), 1));
  }

  /** 32 transfers of one minute, ids from {@code first}: one batch large enough for the syncer. */
  private static List<Command<?>> bulk(long first) {
    List<Command<?>> out = new java.util.ArrayList<>();
    for (int i = 0; i < 32; i++) {
      out.add(single(first + i, 1));
    }
    return out;
  }

  /** One task per batch, so that each append can be held on its own. */
  private static BranchJournal open(GatedStore store) throws IOException {
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal j = BranchJournal.create(store, Fixtures.config(clock).withMaxBatch(1));
    j.execute(Command.OpenAccount.fund(FUND, Minutes.ofHours(100)));
    j.execute(Command.OpenAccount.member(ALICE));
    return j;
  }

  @Test
  void aLargeBatch_isAppendedOnTheSyncer_andAcknowledgedOnlyAfterIt_inOrder() throws Exception {
    GatedStore store = new GatedStore();
    assertTrue(store.exclusive(), "a forwarding store is as exclusive as what it wraps");
    try (BranchJournal j = open(store)) {
      long s0 = store.size();
      Gate a = store.gate(s0, false);
      CompletableFuture<List<Object>> fa = j.submitAll(bulk(100));
      a.awaitEntered();
      assertTrue(store.gatedThread.endsWith("-sync"), store.gatedThread);
      // The writer is free while A is appended: a retry of A's first transfer is decided from
      // A's records in memory, and B is queued behind it.
      CompletableFuture<List<TransferResult>> retry = j.submit(single(100, 1));
      CompletableFuture<List<Object>> fb = j.submitAll(bulk(200));
      Thread.sleep(200);
      assertFalse(fa.isDone(), "acknowledged before its append finished");
      assertFalse(retry.isDone(), "a retry acknowledged before the original is durable");
      assertFalse(fb.isDone(), "a later batch acknowledged first");
      assertEquals(s0, store.size(), "nothing stored yet");
      a.release().countDown();
      TransferResult.Created first = (TransferResult.Created) ((List<?>) fa.get(10, TimeUnit.SECONDS).get(0)).get(0);
      assertEquals(new TransferResult.Created(tid(100), first.sequence(), first.timestamp(), true),
          retry.get(10, TimeUnit.SECONDS).get(0));
      TransferResult.Created b0 = (TransferResult.Created) ((List<?>) fb.get(10, TimeUnit.SECONDS).get(0)).get(0);
      assertEquals(first.sequence() + 32, b0.sequence());
      assertEquals(s0 + 64, store.size());
      assertEquals(64, j.account(ALICE).orElseThrow().balance());
      assertFalse(store.readDuringAppend, "the store was read while an append was under way");
    }
  }

  /**
   * Regression (CI timed out in {@code NotifierTest.close_completesEverythingAlreadySubmitted}):
   * close's stop signal and the syncer's wake-up can reach the writer in one drain, the wake-up
   * last. The writer then missed the stop signal, waited for a command that never came, and close
   * never returned.
   */
  @Test
  void close_whileAnAppendIsHeld_andTheNextBatchDecided_returnsAndAcknowledgesBoth() throws Exception {
    GatedStore store = new GatedStore();
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    BranchJournal j = BranchJournal.create(store, Fixtures.config(clock));
    j.execute(Command.OpenAccount.fund(FUND, Minutes.ofHours(100)));
    j.execute(Command.OpenAccount.member(ALICE));
    long s0 = store.size();
    Gate a = store.gate(s0, false);
    CompletableFuture<List<Object>> fa = j.submitAll(bulk(100));
    a.awaitEntered();
    // The writer takes B and waits for A's append before handing B on.
    CompletableFuture<List<Object>> fb = j.submitAll(bulk(200));
    Thread closer = new Thread(() -> {
      try {
        j.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "closer");
    closer.setDaemon(true);
    closer.start();
    // Wait until close has queued its stop signal and waits for the writer.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!waitsInJoin(closer) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertTrue(waitsInJoin(closer), "close never reached the writer join");
    // A's append returns: the syncer queues its wake-up behind close's stop signal.
    a.release().countDown();
    closer.join(TimeUnit.SECONDS.toMillis(20));
    assertFalse(closer.isAlive(), "close did not return");
    assertEquals(32, fa.get(10, TimeUnit.SECONDS).size());
    assertEquals(32, fb.get(10, TimeUnit.SECONDS).size());
    assertEquals(s0 + 64, store.size());
  }

  private static boolean waitsInJoin(Thread t) {
    if (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals(Thread.class.getName()) && e.getMethodName().equals("join")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aQueryOfADurableTransfer_duringAnAppend_waitsForIt_beforeReadingTheStore() throws Exception {
    GatedStore store = new GatedStore();
    try (BranchJournal j = open(store)) {
      j.execute(single(50, 10));
      long s0 = store.size();
      Gate a = store.gate(s0, false);
      CompletableFuture<List<Object>> fa = j.submitAll(bulk(100));
      a.awaitEntered();
      CompletableFuture<Optional<Transfer>> query = CompletableFuture.supplyAsync(() -> j.transfer(tid(50)));
      Thread.sleep(200);
      assertFalse(query.isDone());
      a.release().countDown();
      assertEquals(tid(50), query.get(10, TimeUnit.SECONDS).orElseThrow().id());
      assertEquals(32, fa.get(10, TimeUnit.SECONDS).size());
      assertFalse(store.readDuringAppend, "the store was read while an append was under way");
    }
  }

  @Test
  void aFailedAppend_failsTheBatchDecidedAfterIt_andNeitherIsStored() throws Exception {
    GatedStore store = new GatedStore();
    try (BranchJournal j = open(store)) {
      long s0 = store.size();
      Gate a = store.gate(s0, true);
      CompletableFuture<List<Object>> fa = j.submitAll(bulk(100));
      a.awaitEntered();
      CompletableFuture<List<Object>> fb = j.submitAll(bulk(200));
      Thread.sleep(200);
      a.release().countDown();
      CompletionException ea = assertThrows(CompletionException.class, fa::join);
      assertInstanceOf(JournalFailedException.class, ea.getCause());
      CompletionException eb = assertThrows(CompletionException.class, fb::join);
      assertInstanceOf(JournalFailedException.class, eb.getCause());
      assertEquals(s0, store.size(), "neither batch stored");
      assertThrows(JournalFailedException.class, () -> j.execute(single(300, 1)));
    }
  }
}
