package org.moralbank.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.storage.file.FileJournalStore;
import org.moralbank.storage.jdbc.PostgresJournalStore;
import org.postgresql.ds.PGSimpleDataSource;

/** The store samples of docs/file-journal.md and docs/postgresql.md, compiled. */
final class StoreSamples {
  private StoreSamples() {}

  static BranchJournal fileJournal() throws IOException {
    JournalStore store = FileJournalStore.open(Path.of("/var/lib/bank/flower-association"));
    BranchJournal journal = BranchJournal.openOrCreate(store, BranchConfig.of("bank", "flower-association"));
    return journal;
  }

  static BranchJournal postgres(String secret) throws IOException {
    PGSimpleDataSource ds = new PGSimpleDataSource();     // in production: a connection pool
    ds.setURL("jdbc:postgresql://db.example:5432/bank");
    ds.setUser("moralbank");
    ds.setPassword(secret);

    JournalStore store = PostgresJournalStore.open(ds, "flower-association");          // schema "moralbank"
    JournalStore other = PostgresJournalStore.open(ds, "timebank_prod", "river-side"); // a named schema
    BranchJournal journal = BranchJournal.openOrCreate(store, BranchConfig.of("bank", "flower-association"));
    other.close();
    return journal;
  }
}
