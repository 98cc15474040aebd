package org.moralbank.timebank;

/** Where a service proposal stands: proposed (拟记) until approved, rejected or expired. */
public enum ProposalStatus {
  PROPOSED,
  /** Approved; its deposits are posted. */
  APPROVED,
  REJECTED,
  /** Nobody decided it within the review window. */
  EXPIRED
}
