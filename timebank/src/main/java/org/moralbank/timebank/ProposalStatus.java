package org.moralbank.timebank;

/** Where a service proposal stands: proposed (拟记) until approved, rejected or expired. */
public enum ProposalStatus {
  /** Recorded and awaiting review (拟记). */
  PROPOSED,
  /** Approved; its deposits are posted. */
  APPROVED,
  /**
   * Rejected by a reviewer, or by enough council members that approval can no longer be reached.
   */
  REJECTED,
  /** Nobody decided it within the review window. */
  EXPIRED
}
