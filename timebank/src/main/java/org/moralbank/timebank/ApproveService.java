package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/** A reviewer's approval of a proposal; enough approvals post the deposits. */
public record ApproveService(ProposalRef proposal, MemberId reviewer) {
  public ApproveService {
    Objects.requireNonNull(proposal, "proposal == null");
    Objects.requireNonNull(reviewer, "reviewer == null");
  }
}
