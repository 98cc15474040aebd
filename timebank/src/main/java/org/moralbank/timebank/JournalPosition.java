package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.checkpoint.Checkpoint;

/**
 * The point of a branch journal a report or statement was computed at: its size, the leaf hash
 * of its last record and the RFC 6962 Merkle root of its records. A signed checkpoint of the
 * branch with the same size and root vouches for the report ({@link #matches}): anyone can then
 * check the figures against the journal up to there.
 */
public record JournalPosition(String branch, long size, Hash head, Hash root) {
  /**
   * Checks that the journal holds at least its genesis record and that no field is null.
   *
   * @param branch the savings branch
   * @param size the records in its journal
   * @param head the leaf hash of the last record
   * @param root the Merkle root of the records
   */
  public JournalPosition {
    Objects.requireNonNull(branch, "branch == null");
    if (size < 1) {
      throw new IllegalArgumentException("a journal holds at least its genesis record: " + size);
    }
    Objects.requireNonNull(head, "head == null");
    Objects.requireNonNull(root, "root == null");
  }

  /**
   * {@return whether {@code checkpoint} commits to exactly this position: same size, same root}
   *
   * @param checkpoint a checkpoint of the branch
   */
  public boolean matches(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    return checkpoint.size() == size && checkpoint.rootHash().equals(root);
  }
}
