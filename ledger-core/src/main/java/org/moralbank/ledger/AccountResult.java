package org.moralbank.ledger;

/** What happened to an account command. */
public sealed interface AccountResult permits AccountResult.Applied, AccountResult.Rejected {
  /** {@return the account the command named} */
  AccountId id();

  /**
   * The account was opened or its status changed, at {@code timestamp}; {@code retry} when an
   * identical open had already been applied and nothing was appended.
   */
  record Applied(AccountId id, AccountStatus status, long timestamp, boolean retry)
      implements AccountResult {}

  /** Refused; nothing was appended. */
  record Rejected(AccountId id, RejectionReason reason) implements AccountResult {}
}
