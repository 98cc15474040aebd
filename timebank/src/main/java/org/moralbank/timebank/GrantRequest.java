package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/** A member of the branch asks for hours from its donation pool. */
public record GrantRequest(MemberId member, Minutes minutes) {
  public GrantRequest {
    Objects.requireNonNull(member, "member == null");
    Objects.requireNonNull(minutes, "minutes == null");
  }
}
