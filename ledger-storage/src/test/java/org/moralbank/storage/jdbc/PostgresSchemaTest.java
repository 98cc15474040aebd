package org.moralbank.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalStoreContract;

/** Creating and migrating the schema: idempotent, safe when instances start at once. */
class PostgresSchemaTest {
  private DataSource ds;
  private String schema;

  @BeforeEach
  void freshSchema() {
    ds = PostgresTestDatabase.dataSource();
    schema = PostgresTestDatabase.freshSchema("schema");
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (ds != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void migrate_twice_appliesVersionOneOnce() throws IOException, SQLException {
    assertEquals(1, PostgresJournalStore.SCHEMA_VERSION);
    assertEquals(1, PostgresJournalStore.migrate(ds, schema));
    assertEquals(1, PostgresJournalStore.migrate(ds, schema));
    assertEquals(List.of(1), versions());
    assertEquals(
        List.of("moralbank_record_append_only", "moralbank_record_link"),
        strings(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = '" + schema + ".moralbank_record'::regclass"
                + " AND NOT tgisinternal ORDER BY tgname"));
  }

  @Test
  void open_afterMigrate_keepsRecordsAndChangesNoVersion() throws IOException, SQLException {
    try (PostgresJournalStore store = PostgresJournalStore.open(ds, schema, "b")) {
      store.append(JournalStoreContract.chain(0, Hash.ZERO, 3, "m"));
    }
    PostgresJournalStore.migrate(ds, schema);
    try (PostgresJournalStore store = PostgresJournalStore.open(ds, schema, "b")) {
      assertEquals(3, store.size());
    }
    assertEquals(List.of(1), versions());
  }

  @Test
  void concurrentStartup_everyInstanceOpens_andTheSchemaIsCreatedOnce() throws Exception {
    int instances = 6;
    CyclicBarrier start = new CyclicBarrier(instances);
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      List<Future<PostgresJournalStore>> opening = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        opening.add(
            threads.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return PostgresJournalStore.open(ds, schema, "shared");
                }));
      }
      List<PostgresJournalStore> stores = new ArrayList<>();
      for (Future<PostgresJournalStore> f : opening) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(List.of(1), versions());
      stores.get(0).append(JournalStoreContract.chain(0, Hash.ZERO, 2, "first"));
      for (PostgresJournalStore s : stores) {
        s.refresh();
        assertEquals(2, s.size());
        s.close();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void schemaNewerThanTheLibrary_refused() throws IOException, SQLException {
    PostgresJournalStore.migrate(ds, schema);
    execute(
        "INSERT INTO " + schema + ".moralbank_schema_version (version, description)"
            + " VALUES (2, 'from the future')");
    IOException e =
        assertThrows(IOException.class, () -> PostgresJournalStore.open(ds, schema, "b"));
    assertTrue(e.getMessage().contains("version 2, newer than this library's 1"), e.getMessage());
    assertEquals(List.of(1, 2), versions());
  }

  @Test
  void failedMigration_rolledBackWhole() throws SQLException {
    // A table in the way of version 1: the migration fails and leaves no version row behind.
    execute("CREATE SCHEMA " + schema);
    execute("CREATE TABLE " + schema + ".moralbank_snapshot (x int)");
    IOException e = assertThrows(IOException.class, () -> PostgresJournalStore.migrate(ds, schema));
    assertTrue(e.getMessage().contains("moralbank_snapshot"), e.getMessage());
    assertEquals(
        List.of("moralbank_snapshot"),
        strings(
            "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY 1"));
  }

  private List<Integer> versions() throws SQLException {
    List<Integer> out = new ArrayList<>();
    for (String s : strings("SELECT version FROM " + schema + ".moralbank_schema_version ORDER BY 1")) {
      out.add(Integer.valueOf(s));
    }
    return out;
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
