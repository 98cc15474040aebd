package org.moralbank.timebank;

/**
 * Why the bank refused a command. A refused command appends nothing to any journal. The codes
 * are stable (an application may store them): never renumber.
 */
public enum Reason {
  // ---- structure ----
  /** A branch with this id already exists (open or closed). */
  BRANCH_EXISTS(1),
  /** The command names a branch the bank does not have. */
  BRANCH_UNKNOWN(2),
  /** The parent named for a new branch is closed. */
  PARENT_CLOSED(3),
  /** A sub-branch belongs under the head office; a savings branch under a sub-branch. */
  INVALID_PARENT(4),
  /** The branch is closed: it keeps its history and accepts no new entries. */
  BRANCH_CLOSED(5),
  /** Only savings branches hold members and accounts. */
  NOT_A_SAVINGS_BRANCH(6),
  /** The branch still has open proposals, bookings, grant requests or unfinished clearing. */
  BRANCH_BUSY(7),
  /** A sub-branch closes only after all its savings branches. */
  BRANCH_HAS_OPEN_CHILDREN(8),
  /** The head office closes with the bank, never alone. */
  HEAD_OFFICE(9),

  // ---- members ----
  /** The member registry has no profile (unknown or erased). */
  MEMBER_UNKNOWN(20),
  /** The member has no account at any branch. */
  MEMBER_NOT_ENROLLED(21),
  /** The member already has a home branch. */
  ALREADY_ENROLLED(22),
  /** A minor acts only with their guardian's consent, and the command lacks it. */
  CONSENT_REQUIRED(23),
  /** The member's home branch is closed. */
  HOME_BRANCH_CLOSED(24),
  /** The reach policy does not let this branch serve members of the member's home branch. */
  OUT_OF_REACH(25),
  /** The member (a provider, a recipient, a grant applicant) must belong to this branch. */
  NOT_A_MEMBER_OF_THIS_BRANCH(26),

  // ---- service records ----
  /** The catalogue in force on the service's day has no such type. */
  SERVICE_TYPE_UNKNOWN(30),
  /** Service is recorded after it ends, never before. */
  SERVICE_IN_FUTURE(31),
  /** The volunteer already has a live record overlapping this interval. */
  INTERVAL_OVERLAPS(32),
  /** The volunteer's recorded service on one day would exceed the daily maximum. */
  DAILY_MAXIMUM_EXCEEDED(33),
  /** The weight rounds this service to zero minutes of credit. */
  ZERO_CREDIT(34),
  /** No proposal with this reference at this branch. */
  PROPOSAL_UNKNOWN(35),
  /** The proposal was already approved, rejected or expired. */
  PROPOSAL_DECIDED(36),
  /** Nobody reviewed the proposal within the review window. */
  PROPOSAL_EXPIRED(37),
  /** The reviewer is not a coordinator or council member who may decide this. */
  NOT_A_REVIEWER(38),
  /** Nobody reviews a record they made, one they are in, or one that benefits them. */
  OWN_RECORD(39),
  /** The reviewer has already voted on this proposal. */
  ALREADY_REVIEWED(40),

  // ---- hours ----
  /** Zero hours: an empty entry is refused, never journaled. */
  ZERO_AMOUNT(50),
  /** The member's available hours (not counting donate-only hours, except for donations) are too few. */
  INSUFFICIENT_HOURS(51),
  /** The member is younger than the redemption age gate. */
  AGE_GATE(52),
  /** Hours may be gifted only to the relations the gift policy allows. */
  RELATION_NOT_ALLOWED(53),
  /** The gift's recipient is younger than the policy's recipient age. */
  RECIPIENT_TOO_YOUNG(54),
  /** The giver's gifts this calendar year would exceed the yearly cap. */
  YEARLY_GIFT_CAP(55),
  /** No booking with this reference at this branch. */
  BOOKING_UNKNOWN(56),
  /** The booking was already delivered, cancelled or expired. */
  BOOKING_NOT_PENDING(57),
  /** The booking's time ran out before delivery. */
  BOOKING_EXPIRED(58),
  /** This person may not confirm or cancel the booking, or allocate grants. */
  NOT_AUTHORIZED(59),
  /** The donation pool is empty, or no open request can receive hours. */
  NOTHING_TO_GRANT(60),
  /** The member already has an open grant request at this branch. */
  GRANT_ALREADY_REQUESTED(61),
  /** A deduction names a proposal that did not credit this member. */
  NOT_CREDITED_BY_PROPOSAL(62);

  private final int code;

  Reason(int code) {
    this.code = code;
  }

  /** {@return the stable code of this reason, as docs/timebank.md lists it} */
  public int code() {
    return code;
  }

  /**
   * The reason a code names.
   *
   * @param code the stable code
   * @return the reason
   * @throws IllegalArgumentException for an unknown code
   */
  public static Reason fromCode(int code) {
    for (Reason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason code " + code);
  }
}
