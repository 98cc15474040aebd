package org.moralbank.timebank;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Weight;

/**
 * A service proposal as the journal tells it.
 *
 * @param credit minutes credited to each volunteer on approval: {@code floor(service * weight)}
 * @param remainder what the rounding dropped, in {@code 1/weight.denominator()}-ths of a minute
 * @param quorum approvals needed, fixed by the approval rule in force when it was recorded
 * @param reviewBy from this instant on (this instant included) an undecided proposal is expired
 */
public record Proposal(
    ProposalRef ref,
    ProposalStatus status,
    List<MemberId> volunteers,
    boolean groupActivity,
    String serviceType,
    int catalogueVersion,
    Weight weight,
    Instant start,
    Instant end,
    Minutes service,
    Minutes credit,
    long remainder,
    Optional<MemberId> beneficiary,
    MemberId recorder,
    Policies.ApprovalMode mode,
    int quorum,
    Set<MemberId> approvals,
    Set<MemberId> rejections,
    Instant recordedAt,
    Instant reviewBy) {

  /**
   * Copies the lists and sets.
   *
   * @param ref where the proposal was recorded
   * @param status where it stands now
   * @param volunteers who served
   * @param groupActivity whether it is a group activity
   * @param serviceType the service type code
   * @param catalogueVersion the catalogue version that weighed it
   * @param weight the weight applied
   * @param start when the service started
   * @param end when it ended
   * @param service the minutes of service
   * @param credit minutes credited to each volunteer on approval
   * @param remainder what the rounding dropped
   * @param beneficiary who received the service, if one person
   * @param recorder who recorded and so certified it
   * @param mode who approves
   * @param quorum approvals needed
   * @param approvals the reviewers who approved so far
   * @param rejections the reviewers who rejected so far
   * @param recordedAt when it was recorded
   * @param reviewBy from this instant on an undecided proposal is expired
   */
  public Proposal {
    volunteers = List.copyOf(volunteers);
    approvals = Set.copyOf(approvals);
    rejections = Set.copyOf(rejections);
  }
}
