package org.moralbank.ledger;

/** Where a pending (two-phase) transfer stands. Every status but {@link #PENDING} is final. */
public enum PendingStatus {
  PENDING(1),
  POSTED(2),
  VOIDED(3),
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
