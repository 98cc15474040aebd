package org.moralbank.timebank;

/**
 * The engine's transfer {@code code} as the time bank uses it: what a movement of hours means.
 * Part of the journal format (docs/timebank.md): never renumber.
 */
enum TransferCode {
  /** Fund → member: approved individual service. */
  DEPOSIT(1),
  /** Fund → member's donate-only hours: approved group activity. */
  GROUP_DEPOSIT(2),
  /** Member → donation pool: what a credit brought beyond the balance cap. */
  CAP_OVERFLOW(3),
  /** Redeemer → provider (a service) or → sink (a reward). */
  REDEMPTION(4),
  /** Giver → relative. */
  GIFT(5),
  /** Member → donation pool. */
  DONATION(6),
  /** Donation pool → member. */
  GRANT(7),
  /** Member → fund: points taken away after a review. */
  DEDUCTION(8),
  /** Member → fund: hours older than the expiry period. */
  EXPIRY(9),
  /** Member → donation pool: the balance of an inactive member. */
  INACTIVITY(10);

  private final int code;

  TransferCode(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static TransferCode fromCode(int code) {
    for (TransferCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return null;
  }
}
