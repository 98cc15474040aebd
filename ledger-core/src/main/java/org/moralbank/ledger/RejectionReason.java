package org.moralbank.ledger;

/**
 * Why the engine refused a command. A rejection changes no balance. Rejected transfers are
 * journaled with their reason so that a retry returns the same answer after a restart, except
 * {@link #ID_REUSED_WITH_DIFFERENT_FIELDS}, which is decided from state alone and appends nothing.
 * The codes are part of the journal format: never renumber them.
 */
public enum RejectionReason {
  /** A transfer of zero minutes. */
  ZERO_AMOUNT(1),
  /** Debit and credit name the same account. */
  SAME_ACCOUNT(2),
  /** The debit account was never opened. */
  UNKNOWN_DEBIT_ACCOUNT(3),
  /** The credit account was never opened. */
  UNKNOWN_CREDIT_ACCOUNT(4),
  /** The debit or credit account is frozen. */
  ACCOUNT_FROZEN(5),
  /** The debit or credit account is closed. */
  ACCOUNT_CLOSED(6),
  /** The debit account's debits would exceed its credits. */
  INSUFFICIENT_BALANCE(7),
  /** A fund's net debits would exceed its debit limit. */
  DEBIT_LIMIT_EXCEEDED(8),
  /** The credit account's credits would exceed its debits. */
  CREDITS_EXCEED_DEBITS(9),
  /** A total would overflow 2^63 - 1 minutes. */
  OVERFLOW(10),
  /** A post or void names a transfer the branch has never created. */
  UNKNOWN_PENDING_TRANSFER(11),
  /** A post or void names a transfer that is not a pending transfer. */
  NOT_A_PENDING_TRANSFER(12),
  /** A post or void names a pending transfer that was already posted. */
  PENDING_ALREADY_POSTED(13),
  /** A post or void names a pending transfer that was already voided. */
  PENDING_ALREADY_VOIDED(14),
  /** The pending transfer's timeout has passed; it is (or is about to be) expired. */
  PENDING_EXPIRED(15),
  /** A post for more than the pending amount. */
  AMOUNT_EXCEEDS_PENDING(16),
  /** A correction names a transfer this branch never created. */
  UNKNOWN_CORRECTED_TRANSFER(17),
  /** The id is known with other fields. Decided from state alone; nothing is appended. */
  ID_REUSED_WITH_DIFFERENT_FIELDS(18),
  /** One id appears twice in one linked group. */
  DUPLICATE_ID_IN_GROUP(19),
  /** Another transfer of the same linked group failed, so this one was not applied either. */
  LINKED_TRANSFER_FAILED(20),
  /** The account id is already open with other fields. */
  ACCOUNT_EXISTS_WITH_DIFFERENT_FIELDS(21),
  /** A status change names an account that was never opened. */
  UNKNOWN_ACCOUNT(22),
  /** An account with a non-zero balance cannot be closed. */
  ACCOUNT_HAS_BALANCE(23),
  /** An account with pending transfers cannot be closed. */
  ACCOUNT_HAS_PENDING_TRANSFERS(24),
  /** The status change is not allowed from the current status (a closed account stays closed). */
  INVALID_STATUS_CHANGE(25);

  private final int code;

  RejectionReason(int code) {
    this.code = code;
  }

  /** {@return the code the journal stores for this reason} */
  public int code() {
    return code;
  }

  /**
   * The reason a journal's code names.
   *
   * @param code the stored code
   * @return the reason
   * @throws IllegalArgumentException for an unknown code
   */
  public static RejectionReason fromCode(int code) {
    for (RejectionReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rejection reason code " + code);
  }
}
