package org.moralbank.timebank;

import java.util.Objects;

/** A request for a grant: the branch and the sequence of its journal record. */
public record GrantRequestRef(String branch, long sequence) {
  /**
   * Checks the branch and that the sequence follows the genesis record.
   *
   * @param branch the branch asked
   * @param sequence the sequence of the request's record in its journal
   */
  public GrantRequestRef {
    Objects.requireNonNull(branch, "branch == null");
    if (sequence < 1) {
      throw new IllegalArgumentException("a grant request follows the genesis record: " + sequence);
    }
  }

  @Override
  public String toString() {
    return branch + "#" + sequence;
  }
}
