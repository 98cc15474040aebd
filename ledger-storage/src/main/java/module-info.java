/**
 * Durable journal stores behind the storage SPI of {@code org.moralbank.ledger.store}: the
 * segmented file journal, the embedded default, and the PostgreSQL store.
 */
module org.moralbank.storage {
  requires transitive org.moralbank.ledger;
  requires transitive java.sql;
  requires org.slf4j;

  exports org.moralbank.storage.file;
  exports org.moralbank.storage.jdbc;
}
