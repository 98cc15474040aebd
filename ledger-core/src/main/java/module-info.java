/**
 * The moralbank ledger engine: accounts of service minutes, immutable transfers, hash-chained
 * branch journals, RFC 6962 Merkle trees and the storage SPI.
 */
module org.moralbank.ledger {
  requires com.google.common;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports org.moralbank.ledger;
  exports org.moralbank.ledger.store;
  exports org.moralbank.ledger.proof;
  exports org.moralbank.ledger.checkpoint;
}
