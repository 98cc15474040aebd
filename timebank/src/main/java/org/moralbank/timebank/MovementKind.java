package org.moralbank.timebank;

/** What a line of a member statement is. */
public enum MovementKind {
  /** Credit for approved individual service. */
  SERVICE_DEPOSIT,
  /** Credit for an approved group activity, to donate-only hours when the policy says so. */
  GROUP_SERVICE_DEPOSIT,
  /** Hours earned by delivering a booked service to another member. */
  SERVICE_EARNED,
  /** Hours paid for a delivered service or reward. */
  REDEEMED,
  /** Hours given to a relative. */
  GIFT_SENT,
  /** Hours received as a gift from a relative. */
  GIFT_RECEIVED,
  /** Hours donated to a donation pool. */
  DONATED,
  /** Hours granted from a donation pool. */
  GRANT_RECEIVED,
  /** Points taken away after a review. */
  DEDUCTED,
  /** Hours beyond the balance cap, routed to the donation pool. */
  CAP_OVERFLOW,
  /** Hours older than the expiry period, returned to the fund. */
  EXPIRED,
  /** The balance of an inactive member, moved to the donation pool. */
  INACTIVITY
}
