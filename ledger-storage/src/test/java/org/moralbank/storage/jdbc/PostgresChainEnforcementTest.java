package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/**
 * The database itself refuses what would fork or rewrite a chain, whoever sends it: these tests
 * bypass the store and write with plain SQL.
 */
class PostgresChainEnforcementTest {
  private static final String SCHEMA = PostgresTestDatabase.freshSchema("chain");
  private static boolean used;

  private DataSource ds;
  private String branch;
  private List<JournalRecord> records;

  @BeforeEach
  void appendThreeRecords() throws IOException {
    ds = PostgresTestDatabase.dataSource();
    used = true;
    branch = "chain-" + UUID.randomUUID();
    try (PostgresJournalStore store = PostgresJournalStore.open(ds, SCHEMA, branch)) {
      records = JournalStoreContract.chain(0, Hash.ZERO, 3, "c");
      store.append(records);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (used) {
      PostgresTestDatabase.dropSchema(SCHEMA);
    }
  }

  private static JournalRecord record(long sequence, Hash previous, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new JournalRecord(sequence, previous, HashAlgorithm.SHA_256.leafHash(bytes), bytes);
  }

  private void insert(String branchId, JournalRecord r) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO " + SCHEMA + ".moralbank_record"
                    + " (branch, sequence, previous_hash, hash, bytes) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, branchId);
      s.setLong(2, r.sequence());
      s.setBytes(3, r.previousHash().toByteArray());
      s.setBytes(4, r.hash().toByteArray());
      s.setBytes(5, r.bytes());
      s.executeUpdate();
    }
  }

  private String sqlState(Executable e) {
    return assertThrows(SQLException.class, e::run).getSQLState();
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long count() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM " + SCHEMA + ".moralbank_record WHERE branch = ?")) {
      s.setString(1, branch);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @FunctionalInterface
  interface Executable {
    void run() throws SQLException;
  }

  @Test
  void fork_linkingToAnOlderRecord_refusedByTheDatabase() throws SQLException {
    JournalRecord fork = record(3, records.get(1).hash(), "fork");
    assertEquals(PostgresSchema.CHAIN_BROKEN, sqlState(() -> insert(branch, fork)));
    assertEquals(3, count());
  }

  @Test
  void secondRecordAtATakenSequence_refusedByTheDatabase() throws SQLException {
    JournalRecord rival = record(2, records.get(1).hash(), "rival");
    assertEquals("23505", sqlState(() -> insert(branch, rival)));
    assertEquals(3, count());
  }

  @Test
  void gap_refusedByTheDatabase() throws SQLException {
    JournalRecord gap = record(4, records.get(2).hash(), "gap");
    assertEquals(PostgresSchema.CHAIN_BROKEN, sqlState(() -> insert(branch, gap)));
    assertEquals(3, count());
  }

  @Test
  void firstRecordNotLinkingToZero_refusedByTheDatabase() {
    JournalRecord first = record(0, records.get(0).hash(), "first");
    assertEquals(PostgresSchema.CHAIN_BROKEN, sqlState(() -> insert("other-" + branch, first)));
  }

  @Test
  void shortHash_refusedByTheDatabase() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO " + SCHEMA + ".moralbank_record"
                    + " (branch, sequence, previous_hash, hash, bytes) VALUES (?, 3, ?, ?, ?)")) {
      s.setString(1, branch);
      s.setBytes(2, records.get(2).hash().toByteArray());
      s.setBytes(3, new byte[31]);
      s.setBytes(4, new byte[] {1});
      assertEquals("23514", assertThrows(SQLException.class, s::executeUpdate).getSQLState());
    }
    assertEquals(3, count());
  }

  @Test
  void updateDeleteTruncate_refusedByTheDatabase() throws SQLException {
    String table = SCHEMA + ".moralbank_record";
    assertEquals(
        PostgresSchema.APPEND_ONLY,
        sqlState(() -> execute("UPDATE " + table + " SET bytes = '\\x00' WHERE sequence = 1")));
    assertEquals(
        PostgresSchema.APPEND_ONLY, sqlState(() -> execute("DELETE FROM " + table + " WHERE sequence = 2")));
    assertEquals(PostgresSchema.APPEND_ONLY, sqlState(() -> execute("TRUNCATE " + table)));
    assertEquals(3, count());
  }

  @Test
  void linkedRecordInsertedWithSql_accepted_andSeenAfterRefresh() throws SQLException, IOException {
    JournalRecord next = record(3, records.get(2).hash(), "next");
    insert(branch, next);
    assertEquals(4, count());
    try (PostgresJournalStore store = PostgresJournalStore.open(ds, SCHEMA, branch)) {
      assertEquals(4, store.size());
      assertEquals(next.hash(), store.head());
    }
  }
}
