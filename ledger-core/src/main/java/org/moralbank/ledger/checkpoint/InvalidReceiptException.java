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

  private final Reason reason;

  public InvalidReceiptException(Reason reason, String message) {
    this(reason, message, null);
  }

  public InvalidReceiptException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason == null") + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
