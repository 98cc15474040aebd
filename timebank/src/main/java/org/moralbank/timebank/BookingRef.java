package org.moralbank.timebank;

import java.util.Objects;

/** A booking (a pending redemption): the serving branch and the sequence of its journal record. */
public record BookingRef(String branch, long sequence) {
  /**
   * Checks the branch and that the sequence follows the genesis record.
   *
   * @param branch the serving branch
   * @param sequence the sequence of the booking's record in its journal
   */
  public BookingRef {
    Objects.requireNonNull(branch, "branch == null");
    if (sequence < 1) {
      throw new IllegalArgumentException("a booking follows the genesis record: " + sequence);
    }
  }

  @Override
  public String toString() {
    return branch + "#" + sequence;
  }
}
