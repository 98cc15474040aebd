package org.moralbank.ledger.checkpoint;

import java.util.Objects;

/**
 * A signed note that a set of trusted keys does not vouch for: either none of them signed it, or
 * one of them has a signature line on it that does not verify (C2SP signed-note: a client
 * SHOULD then reject the whole note, and moralbank does).
 */
public final class SignatureVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which of the two. */
  public enum Reason {
    /** No signature line comes from a trusted key (same name and key id). */
    NO_TRUSTED_SIGNATURE,
    /** A signature line names a trusted key but its signature does not verify. */
    BAD_SIGNATURE
  }

  /** Which of the two. */
  private final Reason reason;

  /**
   * A note that failed {@code reason}.
   *
   * @param reason which of the two
   * @param message what was wrong
   */
  public SignatureVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason == null") + ": " + message);
    this.reason = reason;
  }

  /** {@return which of the two} */
  public Reason reason() {
    return reason;
  }
}
