package org.moralbank.ledger;

import java.util.Optional;

/**
 * A transfer as the branch remembers it: the request, the record it was decided in, and what
 * was decided. Rejected transfers are remembered too, so that a retry gets the same answer.
 *
 * @param rejection why it was refused; empty when it was created
 * @param pendingStatus for a created {@link TransferRequest.Pending}: where it stands now
 * @param deadline for a pending transfer: the ledger timestamp at which it expires; else 0
 */
public record Transfer(
    TransferRequest request,
    long sequence,
    long timestamp,
    Optional<RejectionReason> rejection,
    Optional<PendingStatus> pendingStatus,
    long deadline) {

  /** {@return the transfer's client-chosen id} */
  public TransferId id() {
    return request.id();
  }

  /** {@return whether the transfer was created, not rejected} */
  public boolean created() {
    return rejection.isEmpty();
  }
}
