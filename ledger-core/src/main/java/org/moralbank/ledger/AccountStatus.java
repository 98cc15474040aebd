package org.moralbank.ledger;

/**
 * The life of an account. A frozen account takes part in no new transfer (pending transfers can
 * still be voided or expire); a closed account is final and keeps its history.
 */
public enum AccountStatus {
  /** The account takes part in transfers. */
  OPEN(1),
  /** The account takes part in no new transfer until it is unfrozen. */
  FROZEN(2),
  /** The account is final: no transfer, no status change. */
  CLOSED(3);

  private final int code;

  AccountStatus(int code) {
    this.code = code;
  }

  /** {@return the code the journal stores for this status} */
  public int code() {
    return code;
  }

  /**
   * The status a journal's code names.
   *
   * @param code the stored code
   * @return the status
   * @throws IllegalArgumentException for an unknown code
   */
  public static AccountStatus fromCode(int code) {
    for (AccountStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown account status code " + code);
  }
}
