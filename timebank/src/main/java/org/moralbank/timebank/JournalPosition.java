package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.Hash;

/**
 * The point of a branch journal a report or statement was computed at: its size and the leaf
 * hash of its last record. This is exactly what a signed checkpoint of that branch commits to, so
 * once the bank signs checkpoints, a published report names the checkpoint whose size and head it
 * carries and anyone can check the figures against the journal up to there.
 */
public record JournalPosition(String branch, long size, Hash head) {
  public JournalPosition {
    Objects.requireNonNull(branch, "branch == null");
    if (size < 1) {
      throw new IllegalArgumentException("a journal holds at least its genesis record: " + size);
    }
    Objects.requireNonNull(head, "head == null");
  }
}
