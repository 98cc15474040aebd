package org.moralbank.ledger;

/** Where a pending (two-phase) transfer stands. Every status but {@link #PENDING} is final. */
public enum PendingStatus {
  /** Reserved: the amount is held on both accounts. */
  PENDING(1),
  /** Posted, in whole or in part; any rest was released. */
  POSTED(2),
  /** Voided: the whole amount was released. */
  VOIDED(3),
  /** Expired: the timeout passed and the whole amount was released. */
  EXPIRED(4);

  private final int code;

  PendingStatus(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  static PendingStatus fromCode(int code) {
    for (PendingStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown pending status code " + code);
  }
}
