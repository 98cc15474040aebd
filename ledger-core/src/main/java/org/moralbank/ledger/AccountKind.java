package org.moralbank.ledger;

/** What an account is for. The kind is fixed when the account is opened. */
public enum AccountKind {
  /** A member's (volunteer's) own hours. Debits may never exceed credits. */
  MEMBER(1),
  /** The branch fund that issues hours for approved service: it is debited, the member credited. */
  BRANCH_FUND(2),
  /** Hours donated for elderly people in hardship; grants are paid out of it. */
  DONATION_POOL(3),
  /** Where redeemed hours go when a service or reward is received. */
  REDEMPTION_SINK(4),
  /** A branch's position towards one other branch, for deposit-anywhere, redeem-anywhere. */
  CLEARING(5);

  private final int code;

  AccountKind(int code) {
    this.code = code;
  }

  /** {@return the code the journal stores for this kind} */
  public int code() {
    return code;
  }

  /**
   * The kind a journal's code names.
   *
   * @param code the stored code
   * @return the kind
   * @throws IllegalArgumentException for an unknown code
   */
  public static AccountKind fromCode(int code) {
    for (AccountKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown account kind code " + code);
  }
}
