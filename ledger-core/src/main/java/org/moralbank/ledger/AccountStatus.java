package org.moralbank.ledger;

/**
 * The life of an account. A frozen account takes part in no new transfer (pending transfers can
 * still be voided or expire); a closed account is final and keeps its history.
 */
public enum AccountStatus {
  OPEN(1),
  FROZEN(2),
  CLOSED(3);

  private final int code;

  AccountStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static AccountStatus fromCode(int code) {
    for (AccountStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown account status code " + code);
  }
}
