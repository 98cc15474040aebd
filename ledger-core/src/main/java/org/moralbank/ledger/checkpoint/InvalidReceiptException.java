package org.moralbank.ledger.checkpoint;

import java.util.Objects;

/** A receipt that does not prove what it claims; {@link #reason()} says which check failed. */
public final class InvalidReceiptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The check that failed, in the order {@link ReceiptVerifier} makes them. */
  public enum Reason {
    /** The receipt text does not follow the receipt format, or its note is not a checkpoint. */
    MALFORMED,
    /** The log's signature is missing or does not verify. */
    LOG_SIGNATURE,
    /** Fewer trusted witnesses than required cosigned, or a trusted witness's line is bad. */
    WITNESS_SIGNATURES,
    /** The record bytes do not decode as one canonical journal record. */
    RECORD_MALFORMED,
    /** The record's sequence number is not the leaf index the proof is for. */
    RECORD_SEQUENCE_MISMATCH,
    /** The inclusion proof does not lead from the record to the checkpoint's root. */
    INCLUSION_PROOF
  }

  /** The check that failed. */
  private final Reason reason;

  /**
   * A receipt that failed {@code reason}.
   *
   * @param reason the check that failed
   * @param message what was wrong
   */
  public InvalidReceiptException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * A receipt that failed {@code reason}, found through {@code cause}.
   *
   * @param reason the check that failed
   * @param message what was wrong
   * @param cause the underlying failure
   */
  public InvalidReceiptException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason == null") + ": " + message, cause);
    this.reason = reason;
  }

  /** {@return the check that failed} */
  public Reason reason() {
    return reason;
  }
}
