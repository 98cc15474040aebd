package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/** A member of the branch asks for hours from its donation pool. */
public record GrantRequest(MemberId member, Minutes minutes) {
  /**
   * Checks that neither field is null.
   *
   * @param member the member who asks
   * @param minutes the hours asked for, in minutes
   */
  public GrantRequest {
    Objects.requireNonNull(member, "member == null");
    Objects.requireNonNull(minutes, "minutes == null");
  }
}
