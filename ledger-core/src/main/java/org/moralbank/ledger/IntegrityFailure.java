package org.moralbank.ledger;

import java.util.Objects;

/**
 * The first bad record found in a journal.
 *
 * @param sequence the position at which the check failed; for {@link
 *     IntegrityProblem#PREVIOUS_HASH_MISMATCH} the record before it may be the one altered
 */
public record IntegrityFailure(long sequence, IntegrityProblem problem, String detail) {
  /**
   * Checks that neither the problem nor the detail is null.
   *
   * @param sequence the position at which the check failed
   * @param problem which check failed
   * @param detail what the check found, for people
   */
  public IntegrityFailure {
    Objects.requireNonNull(problem, "problem == null");
    Objects.requireNonNull(detail, "detail == null");
  }

  @Override
  public String toString() {
    return "record " + sequence + ": " + problem + ": " + detail;
  }
}
