package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/**
 * A reviewer's rejection of a proposal.
 *
 * @param reason journaled: up to 200 characters, never personal data
 */
public record RejectService(ProposalRef proposal, MemberId reviewer, String reason) {
  /**
   * Checks the reason's length and that no field is null.
   *
   * @param proposal the proposal to reject
   * @param reviewer the coordinator or council member who rejects
   * @param reason why, journaled
   */
  public RejectService {
    Objects.requireNonNull(proposal, "proposal == null");
    Objects.requireNonNull(reviewer, "reviewer == null");
    Texts.reason("reason", reason);
  }
}
