package org.moralbank.ledger.proof;

import java.util.Objects;

/** A Merkle proof that does not prove what it claims; {@link #reason()} says why. */
public final class ProofException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a proof was refused. */
  public enum Reason {
    /** An inclusion proof's leaf index is not below its tree size (every index of an empty tree). */
    INDEX_OUT_OF_RANGE,
    /**
     * A consistency proof from the empty tree. RFC 9162 defines none: the empty tree is consistent
     * with every tree and callers handle it without a proof.
     */
    EMPTY_FIRST_TREE,
    /** A consistency proof whose first tree is larger than its second. */
    FIRST_TREE_LARGER,
    /** A consistency proof between equal sizes must be empty. */
    PATH_NOT_EMPTY,
    /** More hashes than the sizes call for. */
    PATH_TOO_LONG,
    /** Fewer hashes than the sizes call for. */
    PATH_TOO_SHORT,
    /** The root the proof leads to is not the expected one (inclusion, or equal-size trees). */
    ROOT_MISMATCH,
    /** A consistency proof does not lead to the first root. */
    FIRST_ROOT_MISMATCH,
    /** A consistency proof does not lead to the second root. */
    SECOND_ROOT_MISMATCH
  }

  /** The check that failed. */
  private final Reason reason;

  /**
   * A proof that failed {@code reason}.
   *
   * @param reason the check that failed
   * @param message what was wrong
   */
  public ProofException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason == null") + ": " + message);
    this.reason = reason;
  }

  /** {@return the check that failed} */
  public Reason reason() {
    return reason;
  }
}
