package org.moralbank.timebank;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.TransferId;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.policy.Policies;
import org.moralbank.timebank.policy.Weight;

/**
 * The time bank's own records, journaled as engine notes (kinds 0x0100 to 0x01FF) so that they
 * are chained and hashed like the hours. Every payload is canonical JSON, version 1, specified in
 * docs/timebank.md; {@link NoteCodec} writes and reads them.
 *
 * <p>{@code op} is a random 128-bit id that every transfer caused by the note carries as its
 * reference, so a statement line leads back to the note that explains it.
 */
sealed interface DomainNote {
  int BRANCH_OPENED = 0x0101;
  int BRANCH_CLOSED = 0x0102;
  int MEMBER_ENROLLED = 0x0103;
  int SERVICE_PROPOSED = 0x0110;
  int SERVICE_REVIEWED = 0x0111;
  int PROPOSAL_EXPIRED = 0x0112;
  int DEDUCTED = 0x0113;
  int BOOKED = 0x0120;
  int BOOKING_SETTLED = 0x0121;
  int GIFTED = 0x0122;
  int DONATED = 0x0123;
  int GRANT_REQUESTED = 0x0124;
  int GRANTS_ALLOCATED = 0x0125;
  int HOURS_RETIRED = 0x0126;
  int CLEARING_LEG = 0x0130;

  int kind();

  /** A branch joined the tree: in the head office journal, and first in the branch's own. */
  record BranchOpened(String branch, BranchKind level, Optional<String> parent, String name) implements DomainNote {
    public int kind() {
      return BRANCH_OPENED;
    }
  }

  /** A branch closed: last in its own journal, then in the head office's. */
  record BranchClosed(String branch) implements DomainNote {
    public int kind() {
      return BRANCH_CLOSED;
    }
  }

  record MemberEnrolled(TransferId op, MemberId member, Optional<MemberId> consent) implements DomainNote {
    public int kind() {
      return MEMBER_ENROLLED;
    }
  }

  /**
   * Service recorded, proposed (拟记) for approval. The recorder certifies it. {@code credit} is
   * per volunteer: {@code floor(minutes * weight)}, {@code remainder} what the floor dropped.
   */
  record ServiceProposed(
      TransferId op,
      List<MemberId> volunteers,
      boolean group,
      String type,
      int catalogue,
      Weight weight,
      Instant start,
      Instant end,
      long minutes,
      long credit,
      long remainder,
      Optional<MemberId> beneficiary,
      MemberId recorder,
      List<MemberId> consents,
      Policies.ApprovalMode mode,
      int quorum,
      Instant reviewBy)
      implements DomainNote {
    public ServiceProposed {
      volunteers = List.copyOf(volunteers);
      consents = List.copyOf(consents);
    }

    public int kind() {
      return SERVICE_PROPOSED;
    }
  }

  /** The outcome after a vote: still open, approved (deposits follow in the same batch) or rejected. */
  enum Decision {
    OPEN,
    APPROVED,
    REJECTED
  }

  /** One reviewer's vote on the proposal at {@code proposal}, and where it leaves the proposal. */
  record ServiceReviewed(
      TransferId op, long proposal, MemberId reviewer, boolean approve, String reason, Decision decision)
      implements DomainNote {
    public int kind() {
      return SERVICE_REVIEWED;
    }
  }

  record ProposalExpired(long proposal) implements DomainNote {
    public int kind() {
      return PROPOSAL_EXPIRED;
    }
  }

  /** Points taken away after a review, with the reason; linked to the proposal when there is one. */
  record Deducted(
      TransferId op, MemberId member, long minutes, String reason, MemberId reviewer, Optional<ProposalRef> proposal)
      implements DomainNote {
    public int kind() {
      return DEDUCTED;
    }
  }

  /**
   * A booking at the serving branch. Its pending transfer in this journal (the booking itself, or
   * the credit leg when the redeemer's hours are in another branch) carries {@code op} as its
   * reference and follows in the same unit.
   */
  record Booked(
      TransferId op,
      MemberId redeemer,
      Optional<MemberId> provider,
      String item,
      long minutes,
      Optional<MemberId> consent)
      implements DomainNote {
    public int kind() {
      return BOOKED;
    }
  }

  /** The decision on the booking at {@code booking}; its transfers follow. */
  record BookingSettled(TransferId op, long booking, boolean delivered, MemberId by) implements DomainNote {
    public int kind() {
      return BOOKING_SETTLED;
    }
  }

  /** @param basis the relation that allowed the gift, or {@code HOUSEHOLD} */
  record Gifted(
      TransferId op, MemberId giver, MemberId recipient, long minutes, String basis, Optional<MemberId> consent)
      implements DomainNote {
    public int kind() {
      return GIFTED;
    }
  }

  record Donated(
      TransferId op, MemberId donor, long fromDonateOnly, long fromMain, Optional<MemberId> consent)
      implements DomainNote {
    public int kind() {
      return DONATED;
    }
  }

  record GrantRequested(TransferId op, MemberId member, long minutes) implements DomainNote {
    public int kind() {
      return GRANT_REQUESTED;
    }
  }

  /** One grant of an allocation: to the request at {@code request}. */
  record Allocation(long request, MemberId member, long minutes, Policies.GrantCategory category) {
    public Allocation {
      Objects.requireNonNull(member, "member == null");
      Objects.requireNonNull(category, "category == null");
    }
  }

  record GrantsAllocated(TransferId op, MemberId reviewer, List<Allocation> grants) implements DomainNote {
    public GrantsAllocated {
      grants = List.copyOf(grants);
    }

    public int kind() {
      return GRANTS_ALLOCATED;
    }
  }

  /** Hours taken by an enabled expiry rule: {@code expiry} (to the fund) or {@code inactivity} (to the pool). */
  record HoursRetired(TransferId op, MemberId member, boolean inactivity, long fromMain, long fromDonateOnly)
      implements DomainNote {
    public int kind() {
      return HOURS_RETIRED;
    }
  }

  /**
   * One branch's leg of a movement between two branches (通存通兑), journaled beside the leg's
   * pending transfers in both journals. The debit leg moves hours from accounts of the debit
   * branch to its clearing account for the credit branch; the credit leg from the credit branch's
   * clearing account for the debit branch to {@code creditAccount}.
   *
   * @param xop this cross-branch movement
   * @param cause the op of the domain note that caused it (and the reference of its transfers)
   * @param debit true in the debit branch's journal
   * @param counterpart the other branch
   * @param await true for a booking: the legs wait for delivery or cancellation; otherwise they
   *     are posted at once, and on recovery
   */
  record ClearingLeg(
      TransferId xop,
      TransferId cause,
      TransferCode code,
      boolean debit,
      String counterpart,
      List<TransferId> debitTransfers,
      TransferId creditTransfer,
      AccountId creditAccount,
      long amount,
      boolean await)
      implements DomainNote {
    public ClearingLeg {
      debitTransfers = List.copyOf(debitTransfers);
    }

    public int kind() {
      return CLEARING_LEG;
    }

    String debitBranch(String self) {
      return debit ? self : counterpart;
    }

    String creditBranch(String self) {
      return debit ? counterpart : self;
    }
  }
}
