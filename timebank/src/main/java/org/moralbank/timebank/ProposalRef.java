package org.moralbank.timebank;

import java.util.Objects;

/** A service proposal: the branch and the sequence of the journal record that proposed it. */
public record ProposalRef(String branch, long sequence) {
  /**
   * Checks the branch and that the sequence follows the genesis record.
   *
   * @param branch the branch that recorded the proposal
   * @param sequence the sequence of the proposal's record in its journal
   */
  public ProposalRef {
    Objects.requireNonNull(branch, "branch == null");
    if (sequence < 1) {
      throw new IllegalArgumentException("a proposal follows the genesis record: " + sequence);
    }
  }

  @Override
  public String toString() {
    return branch + "#" + sequence;
  }
}
