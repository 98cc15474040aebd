package org.moralbank.ledger;

import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of an account at one point of its branch journal. Balances are never stored:
 * the totals are the sums of the entries applied so far.
 *
 * @param debitLimit for funds: how far net debits (posted and pending debits less posted credits)
 *     may go; empty for no limit
 * @param openedAt the ledger timestamp of the record that opened the account
 */
public record Account(
    AccountId id,
    AccountKind kind,
    Set<AccountFlag> flags,
    Optional<Minutes> debitLimit,
    AccountStatus status,
    long debitsPending,
    long debitsPosted,
    long creditsPending,
    long creditsPosted,
    long openedAt) {

  /**
   * Copies the flags.
   *
   * @param id the account
   * @param kind what the account is for
   * @param flags its flags
   * @param debitLimit for funds: how far net debits may go; empty for no limit
   * @param status where the account stands
   * @param debitsPending minutes reserved by pending debits
   * @param debitsPosted minutes debited
   * @param creditsPending minutes reserved by pending credits
   * @param creditsPosted minutes credited
   * @param openedAt the ledger timestamp of the record that opened the account
   */
  public Account {
    flags = Set.copyOf(flags);
  }

  /**
   * {@return posted credits less posted debits, in minutes; negative for a fund that has issued
   * hours}
   */
  public long balance() {
    return creditsPosted - debitsPosted;
  }

  /** {@return what can still be debited: the balance less pending debits} */
  public long available() {
    return creditsPosted - debitsPosted - debitsPending;
  }
}
