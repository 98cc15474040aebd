package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/**
 * A reviewer's rejection of a proposal.
 *
 * @param reason journaled: up to 200 characters, never personal data
 */
public record RejectService(ProposalRef proposal, MemberId reviewer, String reason) {
  public RejectService {
    Objects.requireNonNull(proposal, "proposal == null");
    Objects.requireNonNull(reviewer, "reviewer == null");
    Texts.reason("reason", reason);
  }
}
