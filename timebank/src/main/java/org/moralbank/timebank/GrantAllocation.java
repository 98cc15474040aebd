package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/**
 * A coordinator distributes the donation pool over the open grant requests, in the order of the
 * bank's grant priority, then of the requests; a request larger than what remains gets the rest
 * and stays open for the difference. No recipient is taken beyond the balance cap.
 */
public record GrantAllocation(MemberId reviewer) {
  /**
   * Checks that the reviewer is not null.
   *
   * @param reviewer the coordinator who allocates
   */
  public GrantAllocation {
    Objects.requireNonNull(reviewer, "reviewer == null");
  }
}
