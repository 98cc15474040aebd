package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.AppendConflictException;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;
import org.moralbank.ledger.store.Snapshot;

/** Streaming reads, snapshots shared by instances, and failures that are not conflicts. */
class PostgresReadAndSnapshotTest {
  private static final String SCHEMA = PostgresTestDatabase.freshSchema("read");
  private static boolean used;

  private DataSource ds;
  private PostgresJournalStore store;

  @BeforeEach
  void open() throws IOException {
    ds = PostgresTestDatabase.dataSource();
    used = true;
    store = PostgresJournalStore.open(ds, SCHEMA, "read-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (used) {
      PostgresTestDatabase.dropSchema(SCHEMA);
    }
  }

  private List<JournalRecord> appendInBatches(int count, int batchSize) throws IOException {
    List<JournalRecord> all = JournalStoreContract.chain(0, Hash.ZERO, count, "big");
    for (int i = 0; i < count; i += batchSize) {
      store.append(all.subList(i, Math.min(count, i + batchSize)));
    }
    return all;
  }

  @Test
  void read_manyFetchesWorth_streamsEveryRecordInOrder() throws IOException {
    List<JournalRecord> all = appendInBatches(3000, 700);
    List<JournalRecord> out = new ArrayList<>();
    store.read(0, 3000, out::add);
    assertEquals(all, out);
    out.clear();
    store.read(255, 2049, out::add);
    assertEquals(all.subList(255, 2049), out);
  }

  @Test
  void read_consumerThrows_stopsAndRethrowsTheSameException() throws IOException {
    appendInBatches(600, 600);
    IOException stop = new IOException("stop");
    List<Long> seen = new ArrayList<>();
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                store.read(
                    0,
                    600,
                    r -> {
                      if (r.sequence() == 300) {
                        throw stop;
                      }
                      seen.add(r.sequence());
                    }));
    assertSame(stop, thrown);
    assertEquals(300, seen.size());
    List<JournalRecord> out = new ArrayList<>();
    store.read(598, 600, out::add);
    assertEquals(2, out.size());
  }

  @Test
  void snapshot_headNotTheRecordsHash_refused() throws IOException {
    List<JournalRecord> records = appendInBatches(4, 4);
    assertThrows(
        IllegalArgumentException.class,
        () -> store.saveSnapshot(new Snapshot(3, records.get(3).hash(), new byte[] {1})));
    assertFalse(store.latestSnapshot().isPresent());
  }

  @Test
  void snapshot_olderThanTheOneKept_doesNotReplaceIt() throws IOException {
    List<JournalRecord> records = appendInBatches(6, 6);
    try (PostgresJournalStore other = PostgresJournalStore.open(ds, SCHEMA, store.branch())) {
      other.saveSnapshot(new Snapshot(5, records.get(4).hash(), new byte[] {5}));
    }
    store.saveSnapshot(new Snapshot(2, records.get(1).hash(), new byte[] {2}));
    Snapshot kept = store.latestSnapshot().orElseThrow();
    assertEquals(5, kept.size());
    assertArrayEquals(new byte[] {5}, kept.state());
  }

  @Test
  void snapshot_belongsToItsBranch() throws IOException {
    List<JournalRecord> records = appendInBatches(2, 2);
    store.saveSnapshot(new Snapshot(2, records.get(1).hash(), new byte[] {7}));
    try (PostgresJournalStore other = PostgresJournalStore.open(ds, SCHEMA, "other-" + store.branch())) {
      assertFalse(other.latestSnapshot().isPresent());
    }
  }

  @Test
  void databaseFailure_isAnIOException_notAConflict() throws IOException, SQLException {
    String schema = PostgresTestDatabase.freshSchema("gone");
    try (PostgresJournalStore doomed = PostgresJournalStore.open(ds, schema, "b")) {
      doomed.append(JournalStoreContract.chain(0, Hash.ZERO, 1, "g"));
      PostgresTestDatabase.dropSchema(schema);
      IOException e =
          assertThrows(
              IOException.class,
              () -> doomed.append(JournalStoreContract.chain(1, doomed.head(), 1, "h")));
      assertFalse(e instanceof AppendConflictException, e.toString());
      assertEquals(1, doomed.size());
      assertThrows(IOException.class, doomed::refresh);
    }
  }

  @Test
  void refresh_storeWentBackwards_refused() throws IOException, SQLException {
    String schema = PostgresTestDatabase.freshSchema("back");
    try (PostgresJournalStore s = PostgresJournalStore.open(ds, schema, "b")) {
      s.append(JournalStoreContract.chain(0, Hash.ZERO, 3, "x"));
      // Only a privileged hand can do this: drop the append-only trigger and delete.
      execute("DROP TRIGGER moralbank_record_append_only ON " + schema + ".moralbank_record");
      execute("DELETE FROM " + schema + ".moralbank_record WHERE sequence = 2");
      IOException e = assertThrows(IOException.class, s::refresh);
      assertEquals("branch b went back from 3 to 2 records", e.getMessage());
      IOException missing = assertThrows(IOException.class, () -> s.read(0, 3, r -> {}));
      assertEquals("branch b has no record 2 (reading 0..3)", missing.getMessage());
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void closedStore_refusesWork() throws IOException {
    store.append(JournalStoreContract.chain(0, Hash.ZERO, 1, "c"));
    store.close();
    assertThrows(IOException.class, () -> store.append(JournalStoreContract.chain(1, store.head(), 1, "d")));
    assertThrows(IOException.class, () -> store.read(0, 1, r -> {}));
    assertThrows(IOException.class, store::refresh);
    assertThrows(IOException.class, store::latestSnapshot);
    assertEquals(1, store.size());
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
