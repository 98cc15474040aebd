package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.AccountResult;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.JournalFailedException;
import org.moralbank.ledger.Minutes;
import org.moralbank.ledger.TransferId;
import org.moralbank.ledger.TransferRequest;
import org.moralbank.ledger.TransferResult;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.ForwardingJournalStore;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;

/**
 * Two application instances, each a {@link BranchJournal} over its own {@link
 * PostgresJournalStore} of one branch, taking transfers at once: the instance that loses a race
 * catches up and decides again, and the branch ends as one unforked chain with the right balances.
 */
class PostgresTwoInstancesTest {
  private static final AccountId FUND = AccountId.of(1);
  private static final List<AccountId> MEMBERS =
      List.of(AccountId.of(10), AccountId.of(11), AccountId.of(12), AccountId.of(13));
  private static final BranchConfig CONFIG = BranchConfig.of("test-bank", "shared-branch");
  private static final String BRANCH = "shared-branch";
  private static final int ROUNDS = 40;
  private static final int PER_ROUND = 3;

  private DataSource ds;
  private String schema;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void freshSchema() {
    ds = PostgresTestDatabase.dataSource();
    schema = PostgresTestDatabase.freshSchema("two");
  }

  @AfterEach
  void dropSchema() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (ds != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  /** Counts the conflicts the engine saw from its store. */
  private static final class ConflictCounting extends ForwardingJournalStore {
    final AtomicInteger conflicts = new AtomicInteger();

    ConflictCounting(JournalStore store) {
      super(store);
    }

    @Override
    public void append(List<JournalRecord> batch) throws IOException {
      try {
        delegate().append(batch);
      } catch (AppendConflictException e) {
        conflicts.incrementAndGet();
        throw e;
      }
    }
  }

  private ConflictCounting store() throws IOException {
    return new ConflictCounting(PostgresJournalStore.open(ds, schema, BRANCH));
  }

  private static Command.TransferGroup deposit(long id, AccountId member, long minutes) {
    return Command.TransferGroup.of(
        TransferRequest.Single.of(TransferId.of(id), FUND, member, Minutes.of(minutes), 1));
  }

  private static long balance(BranchJournal journal, AccountId id) {
    return journal.account(id).orElseThrow().balance();
  }

  @Test
  void twoInstances_concurrentTransfers_endAsOneChainWithTheRightBalances() throws Exception {
    ConflictCounting storeA = store();
    BranchJournal a = BranchJournal.create(storeA, CONFIG);
    toClose.add(a);
    a.execute(Command.OpenAccount.fund(FUND));
    for (AccountId m : MEMBERS) {
      a.execute(Command.OpenAccount.member(m));
    }
    ConflictCounting storeB = store();
    BranchJournal b = BranchJournal.open(storeB, CONFIG);
    toClose.add(b);

    // B has not seen A's first transfer: its append of the same transfer loses to A's record,
    // and after catching up B answers with A's outcome instead of writing a second one.
    TransferResult.Created first =
        assertInstanceOf(TransferResult.Created.class, a.execute(deposit(1, MEMBERS.get(0), 60)).get(0));
    TransferResult.Created again =
        assertInstanceOf(TransferResult.Created.class, b.execute(deposit(1, MEMBERS.get(0), 60)).get(0));
    assertTrue(again.retry());
    assertEquals(first.sequence(), again.sequence());
    assertEquals(1, storeB.conflicts.get());
    assertEquals(60, balance(b, MEMBERS.get(0)));

    // Both take transfers at once: their own (ids 10_000+ and 20_000+) and, every fifth round,
    // the same ones (30_000+), as a client retrying against the other instance would.
    Map<Long, Long> expected = new HashMap<>();
    expected.put(MEMBERS.get(0).low(), 60L);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CyclicBarrier start = new CyclicBarrier(2);
    Future<Map<Long, TransferResult>> fromA = threads.submit(() -> run(a, 10_000, start));
    Future<Map<Long, TransferResult>> fromB = threads.submit(() -> run(b, 20_000, start));
    Map<Long, TransferResult> resultsA = fromA.get(120, TimeUnit.SECONDS);
    Map<Long, TransferResult> resultsB = fromB.get(120, TimeUnit.SECONDS);
    threads.shutdown();

    int unique = 0;
    int shared = 0;
    for (Map<Long, TransferResult> results : List.of(resultsA, resultsB)) {
      for (Map.Entry<Long, TransferResult> e : results.entrySet()) {
        long id = e.getKey();
        TransferResult.Created c = assertInstanceOf(TransferResult.Created.class, e.getValue(), "transfer " + id);
        if (id < 30_000) {
          assertTrue(!c.retry(), "transfer " + id + " is new");
          unique++;
          expected.merge(member(id).low(), amount(id), Long::sum);
        }
      }
    }
    for (Map.Entry<Long, TransferResult> e : resultsA.entrySet()) {
      if (e.getKey() >= 30_000) {
        TransferResult.Created inA = (TransferResult.Created) e.getValue();
        TransferResult.Created inB = (TransferResult.Created) resultsB.get(e.getKey());
        assertNotEquals(inA.retry(), inB.retry(), "transfer " + e.getKey() + " applied exactly once");
        assertEquals(inA.sequence(), inB.sequence());
        shared++;
        expected.merge(member(e.getKey()).low(), amount(e.getKey()), Long::sum);
      }
    }
    assertEquals(2 * (ROUNDS * PER_ROUND - shared), unique);

    // Once caught up, both live instances hold the same state.
    long records = 1 + 1 + MEMBERS.size() + 1 + unique + shared;
    assertEquals(records, a.catchUp());
    assertEquals(records, b.catchUp());
    assertEquals(a.head(), b.head());
    byte[] state = a.stateBytes();
    assertArrayEquals(state, b.stateBytes());
    a.close();
    b.close();

    // A third instance replays the whole branch, checking every link, sequence and timestamp.
    PostgresJournalStore reader = PostgresJournalStore.open(ds, schema, BRANCH);
    BranchJournal c = BranchJournal.open(reader, CONFIG);
    toClose.add(c);
    assertEquals(records, c.size());
    assertArrayEquals(state, c.stateBytes());
    List<JournalRecord> all = new ArrayList<>();
    reader.read(0, reader.size(), all::add);
    PostgresRaceTest.assertChainUnbroken(all);
    long total = 0;
    for (AccountId m : MEMBERS) {
      assertEquals(expected.getOrDefault(m.low(), 0L), balance(c, m), "member " + m);
      total += balance(c, m);
    }
    assertEquals(-total, balance(c, FUND));
  }

  private static AccountId member(long id) {
    return MEMBERS.get((int) (id % MEMBERS.size()));
  }

  private static long amount(long id) {
    return 1 + id % 7;
  }

  /** Submits rounds of a few transfers and waits for each round, so the instances interleave. */
  private static Map<Long, TransferResult> run(BranchJournal journal, long base, CyclicBarrier start)
      throws Exception {
    start.await(30, TimeUnit.SECONDS);
    Map<Long, TransferResult> results = new HashMap<>();
    long next = base;
    for (int round = 0; round < ROUNDS; round++) {
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < PER_ROUND; i++) {
        ids.add(round % 5 == 0 && i == 0 ? 30_000 + round : next++);
      }
      List<CompletableFuture<List<TransferResult>>> futures = new ArrayList<>();
      for (long id : ids) {
        futures.add(journal.submit(deposit(id, member(id), amount(id))));
      }
      for (int i = 0; i < ids.size(); i++) {
        results.put(ids.get(i), futures.get(i).get(60, TimeUnit.SECONDS).get(0));
      }
    }
    return results;
  }

  @Test
  void schemaDroppedUnderAnInstance_journalFailsStop() throws IOException, SQLException {
    BranchJournal a = BranchJournal.create(store(), CONFIG);
    toClose.add(a);
    a.execute(Command.OpenAccount.fund(FUND));
    PostgresTestDatabase.dropSchema(schema);
    CompletableFuture<AccountResult> failed = a.submit(Command.OpenAccount.member(MEMBERS.get(0)));
    ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS));
    JournalFailedException stopped = assertInstanceOf(JournalFailedException.class, e.getCause());
    assertFalse(stopped.getCause() instanceof AppendConflictException, "not mistaken for a lost race");
    // Fail-stop: later commands are refused without touching the store.
    assertThrows(JournalFailedException.class, () -> a.execute(Command.OpenAccount.member(MEMBERS.get(1))));
  }
}
