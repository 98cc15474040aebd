package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/** A reviewer's approval of a proposal; enough approvals post the deposits. */
public record ApproveService(ProposalRef proposal, MemberId reviewer) {
  /**
   * Checks that neither field is null.
   *
   * @param proposal the proposal to approve
   * @param reviewer the coordinator or council member who approves
   */
  public ApproveService {
    Objects.requireNonNull(proposal, "proposal == null");
    Objects.requireNonNull(reviewer, "reviewer == null");
  }
}
