package org.moralbank.timebank;

import java.time.LocalDate;
import java.util.List;
import org.moralbank.ledger.Minutes;

/**
 * A savings branch's figures for public disclosure (居务公开), for the days {@code from}
 * (inclusive) to {@code to} (exclusive) in the bank's zone. The hour totals count movements posted
 * in this branch's journal on those days; the pool, member count and stars are as they stand when
 * the report is computed, whatever the period. Nothing personal: totals, star counts and an honour
 * list by pseudonym or display name.
 *
 * @param deposited hours this branch issued for approved service
 * @param redeemed hours paid for services and rewards received at this branch
 * @param donated hours donated to this branch's pool
 * @param granted hours granted from this branch's pool
 * @param gifted hours gifted to members of this branch
 * @param deducted hours taken back by deductions at this branch
 * @param capOverflow hours routed to the pool by the balance cap
 * @param retired hours taken by expiry and inactivity rules
 * @param pool the donation pool's balance when the report was computed (at {@code position}),
 *     not at {@code to}
 * @param members members whose home is this branch, now
 * @param stars {@code stars.get(k)}: how many of them have k stars, now (index 0: none)
 * @param honours the members of this branch who served most in the period (service credited in
 *     it less deductions), at most {@code honours.listSize}
 * @param position the journal position the report was computed at; a signed checkpoint of this
 *     branch at the same size and root vouches for it
 */
public record BranchReport(
    String branch,
    LocalDate from,
    LocalDate to,
    Minutes deposited,
    Minutes redeemed,
    Minutes donated,
    Minutes granted,
    Minutes gifted,
    Minutes deducted,
    Minutes capOverflow,
    Minutes retired,
    Minutes pool,
    int members,
    List<Integer> stars,
    List<HonourEntry> honours,
    JournalPosition position) {
  /**
   * Copies the lists.
   *
   * @param branch the savings branch
   * @param from the first day
   * @param to the day after the last
   * @param deposited hours this branch issued for approved service
   * @param redeemed hours paid for services and rewards received at this branch
   * @param donated hours donated to this branch's pool
   * @param granted hours granted from this branch's pool
   * @param gifted hours gifted to members of this branch
   * @param deducted hours taken back by deductions at this branch
   * @param capOverflow hours routed to the pool by the balance cap
   * @param retired hours taken by expiry and inactivity rules
   * @param pool the donation pool's balance when the report was computed
   * @param members members whose home is this branch, now
   * @param stars how many members have each number of stars
   * @param honours the members who served most in the period
   * @param position the journal position the report was computed at
   */
  public BranchReport {
    stars = List.copyOf(stars);
    honours = List.copyOf(honours);
  }
}
