package org.moralbank.timebank;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * Points taken away after a review (扣分): its own kind of entry, with a reason, moving hours
 * from the member back to the fund of the branch that deducts. History is never rewritten.
 *
 * @param reason journaled: up to 200 characters, never personal data
 * @param proposal the approved proposal whose credit this corrects, if any
 */
public record Deduction(
    MemberId member, Minutes minutes, String reason, MemberId reviewer, Optional<ProposalRef> proposal) {
  /**
   * Checks the reason's length and that no field is null.
   *
   * @param member the member whose hours are taken
   * @param minutes the hours taken, in minutes
   * @param reason why, journaled
   * @param reviewer the coordinator who deducts
   * @param proposal the approved proposal whose credit this corrects, if any
   */
  public Deduction {
    Objects.requireNonNull(member, "member == null");
    Objects.requireNonNull(minutes, "minutes == null");
    Texts.reason("reason", reason);
    Objects.requireNonNull(reviewer, "reviewer == null");
    Objects.requireNonNull(proposal, "proposal == null");
  }

  /**
   * A deduction that corrects no particular proposal.
   *
   * @param member the member whose hours are taken
   * @param minutes the hours taken, in minutes
   * @param reason why, journaled: never personal data
   * @param reviewer the coordinator who deducts
   * @return the deduction
   */
  public static Deduction of(MemberId member, Minutes minutes, String reason, MemberId reviewer) {
    return new Deduction(member, minutes, reason, reviewer, Optional.empty());
  }

  /**
   * {@return this deduction as the correction of the credit of proposal {@code p}}
   *
   * @param p the approved proposal whose credit this corrects
   */
  public Deduction correcting(ProposalRef p) {
    return new Deduction(member, minutes, reason, reviewer, Optional.of(p));
  }
}
