package org.moralbank.ledger;

import java.io.IOException;

/**
 * A journal did not replay: a record is malformed, out of place, unlinked, or its recorded
 * outcome is not what the engine decides. The journal is not opened and nothing is repaired.
 */
public final class JournalIntegrityException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient IntegrityFailure failure;

  /**
   * A journal that did not replay.
   *
   * @param branch the bank and branch, as {@code bank/branch}
   * @param failure the first record that failed, and why
   */
  public JournalIntegrityException(String branch, IntegrityFailure failure) {
    super("branch " + branch + ": " + failure);
    this.failure = failure;
  }

  /**
   * {@return the first record that failed, and why; null after deserialization, as it is not
   * serialized}
   */
  public IntegrityFailure failure() {
    return failure;
  }
}
