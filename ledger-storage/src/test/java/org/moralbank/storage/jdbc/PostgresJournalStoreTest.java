package org.moralbank.storage.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.JournalStoreContract;

/** The storage contract against a real PostgreSQL server (skipped without one unless CI=true). */
class PostgresJournalStoreTest extends JournalStoreContract {
  private static final String SCHEMA = PostgresTestDatabase.freshSchema("contract");
  private static boolean used;

  @Override
  protected JournalStore createStore() throws IOException {
    var ds = PostgresTestDatabase.dataSource();
    used = true;
    return PostgresJournalStore.open(ds, SCHEMA, "branch-" + UUID.randomUUID());
  }

  @Override
  protected JournalStore reopen(JournalStore store) throws IOException {
    PostgresJournalStore s = (PostgresJournalStore) store;
    s.close();
    return PostgresJournalStore.open(PostgresTestDatabase.dataSource(), s.schema(), s.branch());
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (used) {
      PostgresTestDatabase.dropSchema(SCHEMA);
    }
  }
}
