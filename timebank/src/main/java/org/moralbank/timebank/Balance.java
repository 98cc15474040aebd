package org.moralbank.timebank;

import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * A member's hours.
 *
 * @param branch the member's home branch, where their accounts are
 * @param main hours the member may redeem, gift or donate (posted)
 * @param donateOnly hours from group activities, which may only be donated
 * @param reserved main hours held by pending bookings and clearing legs
 * @param lifetime service credited over all time, less deductions: the basis of stars
 */
public record Balance(
    MemberId member, String branch, Minutes main, Minutes donateOnly, Minutes reserved, Minutes lifetime, int stars) {

  /** {@return main hours not reserved: what the member can spend now} */
  public Minutes available() {
    return Minutes.of(main.value() - reserved.value());
  }

  /** {@return main and donate-only hours: what the balance cap limits} */
  public Minutes total() {
    return main.plus(donateOnly);
  }
}
