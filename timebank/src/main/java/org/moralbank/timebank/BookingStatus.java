package org.moralbank.timebank;

/** Where a booking stands. Every status but {@link #PENDING} is final. */
public enum BookingStatus {
  /** Hours reserved, waiting for delivery. */
  PENDING,
  /** Posted: the provider (or the sink) has the hours. */
  DELIVERED,
  /** Voided: the hours went back to the redeemer. */
  CANCELLED,
  /** Nobody confirmed delivery in time: the hours went back to the redeemer. */
  EXPIRED
}
