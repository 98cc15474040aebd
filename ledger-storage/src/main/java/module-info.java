/**
 * Durable journal stores behind the storage SPI of {@code org.moralbank.ledger.store}: the
 * segmented file journal, the embedded default.
 */
module org.moralbank.storage {
  requires transitive org.moralbank.ledger;
  requires org.slf4j;

  exports org.moralbank.storage.file;
}
