package org.moralbank.audit;

import java.io.IOException;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.LedgerRecord;

/** Receives each record that passed every check, in order. */
interface ScanListener {
  /** Whether {@link #accept} needs the decoded record for every record, not only record 0. */
  default boolean needsRecords() {
    return false;
  }

  /**
   * @param leafHash the record's leaf hash, as the verifier computed it
   * @param record the decoded record: always for record 0 (the genesis), for the others only if
   *     {@link #needsRecords()}, else null
   */
  void accept(long sequence, Hash leafHash, byte[] bytes, LedgerRecord record) throws IOException;
}
