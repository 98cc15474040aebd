package org.moralbank.ledger;

/**
 * What happened to one transfer. {@code retry} is true when the answer is the recorded outcome of
 * an earlier request with the same id and fields.
 */
public sealed interface TransferResult permits TransferResult.Created, TransferResult.Rejected {
  /** {@return the transfer's client-chosen id} */
  TransferId id();

  /** {@return whether this answers a retry with the outcome recorded for the first request} */
  boolean retry();

  /** The transfer was applied at {@code timestamp}, in the record at {@code sequence}. */
  record Created(TransferId id, long sequence, long timestamp, boolean retry)
      implements TransferResult {}

  /** The transfer was refused; no balance changed. */
  record Rejected(TransferId id, RejectionReason reason, boolean retry) implements TransferResult {}
}
