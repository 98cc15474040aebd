/**
 * Durable journal stores behind the storage SPI of {@code org.moralbank.ledger.store}: the
 * segmented file journal (the embedded default) and the PostgreSQL store.
 */
@SuppressWarnings("requires-automatic") // the PostgreSQL driver is an automatic module
module org.moralbank.storage {
  requires transitive org.moralbank.ledger;
  requires org.slf4j;
  requires jdk.unsupported; // com.sun.nio.file.ExtendedOpenOption.DIRECT: an audit reads past the page cache
  requires transitive java.sql; // PostgresJournalStore takes a javax.sql.DataSource
  requires org.postgresql.jdbc;

  exports org.moralbank.storage.file;
  exports org.moralbank.storage.jdbc;
}
