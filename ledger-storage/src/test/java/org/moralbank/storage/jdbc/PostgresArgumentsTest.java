package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/** What needs no server: argument checks, error classification, the tests' skip-or-fail rule. */
class PostgresArgumentsTest {
  private final PGSimpleDataSource nowhere = new PGSimpleDataSource();

  @Test
  void open_badSchemaName_refusedBeforeTouchingTheDatabase() {
    for (String bad : new String[] {"", "Upper", "1digit", "with-dash", "a b", "x".repeat(64)}) {
      assertThrows(
          IllegalArgumentException.class, () -> PostgresJournalStore.open(nowhere, bad, "b"), bad);
    }
  }

  @Test
  void open_badBranch_refusedBeforeTouchingTheDatabase() {
    for (String bad : new String[] {"", "x".repeat(PostgresJournalStore.MAX_BRANCH_LENGTH + 1), "a\0b"}) {
      assertThrows(IllegalArgumentException.class, () -> PostgresJournalStore.open(nowhere, bad));
    }
    assertThrows(NullPointerException.class, () -> PostgresJournalStore.open(nowhere, null));
    assertThrows(NullPointerException.class, () -> PostgresJournalStore.open(null, "b"));
  }

  @Test
  void isConflict_uniqueViolationChainAndSerialization_evenInsideABatchException() {
    assertTrue(PostgresJournalStore.isConflict(new SQLException("dup", "23505")));
    assertTrue(PostgresJournalStore.isConflict(new SQLException("link", "MB001")));
    assertTrue(PostgresJournalStore.isConflict(new SQLException("serial", "40001")));
    BatchUpdateException batch = new BatchUpdateException("batch", "XX000", new int[0]);
    batch.setNextException(new SQLException("dup", "23505"));
    assertTrue(PostgresJournalStore.isConflict(batch));
    assertTrue(
        PostgresJournalStore.isConflict(
            new SQLException("wrapped", "XX000", new SQLException("dup", "23505"))));
  }

  @Test
  void isConflict_otherFailures_no() {
    assertFalse(PostgresJournalStore.isConflict(new SQLException("gone", "08006")));
    assertFalse(PostgresJournalStore.isConflict(new SQLException("append-only", "MB002")));
    assertFalse(PostgresJournalStore.isConflict(new SQLException("no state")));
  }

  @Test
  void testDatabase_unreachable_skipsLocally_butFailsUnderCi() {
    PostgresTestDatabase.Availability none =
        PostgresTestDatabase.probe(
            Map.of("MORALBANK_PG_URL", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"));
    assertNotNull(none.problem());
    assertTrue(none.problem().startsWith("no PostgreSQL server at"), none.problem());
    TestAbortedException skip =
        assertThrows(TestAbortedException.class, () -> PostgresTestDatabase.require(none, Map.of()));
    assertTrue(skip.getMessage().startsWith("PostgreSQL tests SKIPPED: no PostgreSQL server at"));
    assertThrows(
        TestAbortedException.class,
        () -> PostgresTestDatabase.require(none, Map.of("CI", "false")));
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> PostgresTestDatabase.require(none, Map.of("CI", "true")));
    assertTrue(
        failure.getMessage().startsWith("PostgreSQL tests FAILED (CI=true forbids skipping them)"));
    assertEquals(
        "jdbc:postgresql://127.0.0.1:5432/moralbank", PostgresTestDatabase.DEFAULT_URL);
  }
}
