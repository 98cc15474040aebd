package org.moralbank.timebank;

import java.util.Objects;

/** A request for a grant: the branch and the sequence of its journal record. */
public record GrantRequestRef(String branch, long sequence) {
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
