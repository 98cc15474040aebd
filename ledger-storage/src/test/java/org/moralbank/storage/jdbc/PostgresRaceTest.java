package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/** Two store instances of one branch, as two application instances would hold them. */
class PostgresRaceTest {
  private static final String SCHEMA = PostgresTestDatabase.freshSchema("race");
  private static boolean used;

  private DataSource ds;
  private String branch;
  private PostgresJournalStore a;
  private PostgresJournalStore b;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void openTwoStores() throws IOException {
    ds = PostgresTestDatabase.dataSource();
    used = true;
    branch = "race-" + UUID.randomUUID();
    a = PostgresJournalStore.open(ds, SCHEMA, branch);
    b = PostgresJournalStore.open(ds, SCHEMA, branch);
    a.append(JournalStoreContract.chain(0, Hash.ZERO, 1, "genesis"));
    b.refresh();
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    if (a != null) {
      a.close();
      b.close();
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (used) {
      PostgresTestDatabase.dropSchema(SCHEMA);
    }
  }

  @Test
  void racingAppends_exactlyOneWinsEachRound_andTheChainNeverForks() throws Exception {
    List<JournalRecord> expected = new ArrayList<>(readAll(a));
    CyclicBarrier start = new CyclicBarrier(2);
    for (int round = 0; round < 25; round++) {
      List<JournalRecord> fromA = JournalStoreContract.chain(a.size(), a.head(), 1 + round % 3, "a" + round);
      List<JournalRecord> fromB = JournalStoreContract.chain(b.size(), b.head(), 1 + round % 4, "b" + round);
      Future<Exception> ra = threads.submit(() -> appendAfter(start, a, fromA));
      Future<Exception> rb = threads.submit(() -> appendAfter(start, b, fromB));
      Exception ea = ra.get(60, TimeUnit.SECONDS);
      Exception eb = rb.get(60, TimeUnit.SECONDS);

      assertTrue(ea == null ^ eb == null, "round " + round + ": exactly one wins: " + ea + " / " + eb);
      PostgresJournalStore loser = ea == null ? b : a;
      long loserSizeBefore = loser.size();
      assertInstanceOf(AppendConflictException.class, ea == null ? eb : ea);
      assertEquals(loserSizeBefore, loser.size(), "the loser's view is unchanged");
      expected.addAll(ea == null ? fromA : fromB);

      loser.refresh();
      assertEquals(a.size(), b.size());
      assertEquals(a.head(), b.head());
    }
    assertEquals(expected, readAll(a), "the winners' records, in order, and nothing of the losers'");
    assertChainUnbroken(readAll(b));
  }

  private static Exception appendAfter(
      CyclicBarrier start, PostgresJournalStore store, List<JournalRecord> batch) throws Exception {
    start.await(30, TimeUnit.SECONDS);
    try {
      store.append(batch);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  @Test
  void appendBlockedByAnUncommittedRival_conflictsWhenTheRivalCommits() throws Exception {
    List<JournalRecord> rival = JournalStoreContract.chain(1, a.head(), 2, "rival");
    List<JournalRecord> mine = JournalStoreContract.chain(1, b.head(), 3, "mine");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      insert(c, rival);
      CompletableFuture<Exception> appending =
          CompletableFuture.supplyAsync(() -> appendCatching(b, mine), threads);
      awaitAnInsertWaitingOnALock();
      assertFalse(appending.isDone());
      c.commit();
      Exception e = appending.get(60, TimeUnit.SECONDS);
      assertInstanceOf(AppendConflictException.class, e);
    }
    assertEquals(1, b.size());
    b.refresh();
    assertEquals(3, b.size());
    assertEquals(rival.get(1).hash(), b.head());
    List<JournalRecord> all = readAll(b);
    assertEquals(rival, all.subList(1, 3));
  }

  @Test
  void appendBlockedByAnUncommittedRival_succeedsWhenTheRivalRollsBack() throws Exception {
    List<JournalRecord> rival = JournalStoreContract.chain(1, a.head(), 2, "rival");
    List<JournalRecord> mine = JournalStoreContract.chain(1, b.head(), 3, "mine");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      insert(c, rival);
      CompletableFuture<Exception> appending =
          CompletableFuture.supplyAsync(() -> appendCatching(b, mine), threads);
      awaitAnInsertWaitingOnALock();
      c.rollback();
      assertNull(appending.get(60, TimeUnit.SECONDS));
    }
    a.refresh();
    assertEquals(4, a.size());
    assertEquals(mine, readAll(a).subList(1, 4));
  }

  @Test
  void staleView_appendConflicts_writesNothing_andSucceedsAfterRefresh() throws IOException {
    List<JournalRecord> first = JournalStoreContract.chain(1, a.head(), 2, "first");
    a.append(first);
    List<JournalRecord> stale = JournalStoreContract.chain(1, b.head(), 2, "stale");
    assertThrows(AppendConflictException.class, () -> b.append(stale));
    assertEquals(1, b.size());

    b.refresh();
    assertEquals(3, b.size());
    assertEquals(first.get(1).hash(), b.head());
    List<JournalRecord> retry = JournalStoreContract.chain(3, b.head(), 2, "retry");
    b.append(retry);
    a.refresh();
    List<JournalRecord> all = readAll(a);
    assertEquals(5, all.size());
    assertEquals(first, all.subList(1, 3));
    assertEquals(retry, all.subList(3, 5));
  }

  private static Exception appendCatching(PostgresJournalStore store, List<JournalRecord> batch) {
    try {
      store.append(batch);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private void insert(Connection c, List<JournalRecord> records) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO " + SCHEMA + ".moralbank_record"
                + " (branch, sequence, previous_hash, hash, bytes) VALUES (?, ?, ?, ?, ?)")) {
      for (JournalRecord r : records) {
        s.setString(1, branch);
        s.setLong(2, r.sequence());
        s.setBytes(3, r.previousHash().toByteArray());
        s.setBytes(4, r.hash().toByteArray());
        s.setBytes(5, r.bytes());
        s.executeUpdate();
      }
    }
  }

  /** Polls the server until some backend's insert into this schema waits on a lock. */
  private void awaitAnInsertWaitingOnALock() throws SQLException, InterruptedException {
    String sql =
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            + " AND query LIKE ?";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, "INSERT INTO \"" + SCHEMA + "\".moralbank_record%");
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no insert started waiting on the rival's lock within 60 s");
  }

  private static List<JournalRecord> readAll(PostgresJournalStore store) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    store.read(0, store.size(), out::add);
    return out;
  }

  static void assertChainUnbroken(List<JournalRecord> records) {
    Hash previous = Hash.ZERO;
    for (int i = 0; i < records.size(); i++) {
      JournalRecord r = records.get(i);
      assertEquals(i, r.sequence());
      assertEquals(previous, r.previousHash(), "record " + i + " links to its predecessor");
      previous = r.hash();
    }
  }
}
