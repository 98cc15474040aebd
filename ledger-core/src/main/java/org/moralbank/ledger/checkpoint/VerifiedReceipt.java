package org.moralbank.ledger.checkpoint;

import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.LedgerRecord;

/**
 * What a valid receipt proves: this record is at its sequence number in the log whose
 * checkpoint the log key signed and the witnesses cosigned.
 *
 * @param record the decoded record
 * @param checkpoint the checkpoint it is included in; its origin names the branch journal
 * @param logKey the trusted log key whose signature verified
 * @param witnesses the trusted witnesses whose cosignatures verified
 */
public record VerifiedReceipt(
    LedgerRecord record, Checkpoint checkpoint, VerifierKey logKey, List<VerifierKey> witnesses) {
  /**
   * Copies the witnesses.
   *
   * @param record the decoded record
   * @param checkpoint the checkpoint it is included in
   * @param logKey the trusted log key whose signature verified
   * @param witnesses the trusted witnesses whose cosignatures verified
   */
  public VerifiedReceipt {
    Objects.requireNonNull(record, "record == null");
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    Objects.requireNonNull(logKey, "logKey == null");
    witnesses = List.copyOf(witnesses);
  }
}
