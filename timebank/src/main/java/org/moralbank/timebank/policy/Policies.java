package org.moralbank.timebank.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.Circumstance;
import org.moralbank.timebank.member.MemberId;
import org.moralbank.timebank.member.MemberProfile;
import org.moralbank.timebank.member.Relation;

/**
 * One version of a bank's rules. {@link #defaults()} gives the defaults documented on each
 * component; a bank changes them with the {@code with...} methods or in a configuration file, and
 * dates each version in its {@link BankConfig}'s schedule.
 *
 * @param adultAge members younger than this are minors: a guardian consents to their enrolment,
 *     service records, redemptions, gifts and donations (default 18)
 * @param service guards on service records (see {@link Service})
 * @param approvals who approves service records and how many must agree
 * @param redemption age gate and booking timeout
 * @param gifts to whom stored hours may be given, and how much a year
 * @param balanceCap the most a member may hold (main plus donate-only hours); whatever a deposit,
 *     delivered service or gift brings beyond it goes to the donation pool of the member's home
 *     branch, and a grant stops at it (default 1,500 hours; empty for none)
 * @param grants the order in which a donation pool's grants are allocated
 * @param honours star thresholds and honour lists
 * @param reach which branches serve members of which other branches (通存通兑); default {@link
 *     Reach#SUB_BRANCH}, the first phase of a roll-out
 * @param expiry optional expiry of old hours and of inactive accounts (default: neither)
 */
public record Policies(
    int adultAge,
    Service service,
    Approvals approvals,
    Redemption redemption,
    Gifts gifts,
    Optional<Minutes> balanceCap,
    Grants grants,
    Honours honours,
    Reach reach,
    Expiry expiry) {

  /**
   * Checks the ages and that no component is null; a balance cap, when set, is at least one minute.
   *
   * @param adultAge the age from which members act without a guardian's consent
   * @param service guards on service records
   * @param approvals approval rules and reviewers
   * @param redemption age gate and booking timeout
   * @param gifts gift rules
   * @param balanceCap the most a member may hold; empty for none
   * @param grants grant order
   * @param honours star thresholds and honour lists
   * @param reach which branches serve which members
   * @param expiry expiry of old hours and inactive accounts
   */
  public Policies {
    checkAge("adultAge", adultAge);
    Objects.requireNonNull(service, "service == null");
    Objects.requireNonNull(approvals, "approvals == null");
    Objects.requireNonNull(redemption, "redemption == null");
    Objects.requireNonNull(gifts, "gifts == null");
    Objects.requireNonNull(balanceCap, "balanceCap == null");
    if (balanceCap.isPresent() && balanceCap.get().isZero()) {
      throw new IllegalArgumentException("a balance cap must be positive; leave it empty for none");
    }
    Objects.requireNonNull(grants, "grants == null");
    Objects.requireNonNull(honours, "honours == null");
    Objects.requireNonNull(reach, "reach == null");
    Objects.requireNonNull(expiry, "expiry == null");
  }

  /** {@return the defaults documented on each component} */
  public static Policies defaults() {
    return new Policies(
        18,
        Service.defaults(),
        Approvals.defaults(),
        Redemption.defaults(),
        Gifts.defaults(),
        Optional.of(Minutes.ofHours(1500)),
        Grants.defaults(),
        Honours.defaults(),
        Reach.SUB_BRANCH,
        Expiry.defaults());
  }

  /**
   * {@return these policies with {@code adultAge} {@code v}}
   *
   * @param v the age from which members act without a guardian's consent, 0 to 150
   */
  public Policies withAdultAge(int v) {
    return new Policies(v, service, approvals, redemption, gifts, balanceCap, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code service} {@code v}}
   *
   * @param v the guards on service records
   */
  public Policies withService(Service v) {
    return new Policies(adultAge, v, approvals, redemption, gifts, balanceCap, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code approvals} {@code v}}
   *
   * @param v the approval rules and reviewers
   */
  public Policies withApprovals(Approvals v) {
    return new Policies(adultAge, service, v, redemption, gifts, balanceCap, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code redemption} {@code v}}
   *
   * @param v the redemption rules
   */
  public Policies withRedemption(Redemption v) {
    return new Policies(adultAge, service, approvals, v, gifts, balanceCap, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code gifts} {@code v}}
   *
   * @param v the gift rules
   */
  public Policies withGifts(Gifts v) {
    return new Policies(adultAge, service, approvals, redemption, v, balanceCap, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code balanceCap} {@code v}}
   *
   * @param v the most a member may hold; empty for no cap
   */
  public Policies withBalanceCap(Optional<Minutes> v) {
    return new Policies(adultAge, service, approvals, redemption, gifts, v, grants, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code grants} {@code v}}
   *
   * @param v the grant order
   */
  public Policies withGrants(Grants v) {
    return new Policies(adultAge, service, approvals, redemption, gifts, balanceCap, v, honours, reach, expiry);
  }

  /**
   * {@return these policies with {@code honours} {@code v}}
   *
   * @param v the star thresholds and honour lists
   */
  public Policies withHonours(Honours v) {
    return new Policies(adultAge, service, approvals, redemption, gifts, balanceCap, grants, v, reach, expiry);
  }

  /**
   * {@return these policies with {@code reach} {@code v}}
   *
   * @param v which branches serve which members
   */
  public Policies withReach(Reach v) {
    return new Policies(adultAge, service, approvals, redemption, gifts, balanceCap, grants, honours, v, expiry);
  }

  /**
   * {@return these policies with {@code expiry} {@code v}}
   *
   * @param v the expiry rules
   */
  public Policies withExpiry(Expiry v) {
    return new Policies(adultAge, service, approvals, redemption, gifts, balanceCap, grants, honours, reach, v);
  }

  static void checkAge(String what, int age) {
    if (age < 0 || age > 150) {
      throw new IllegalArgumentException(what + " must be 0 to 150: " + age);
    }
  }

  /**
   * Guards on service records.
   *
   * @param reviewWindow a proposal nobody decides within this time after it was recorded expires
   *     (default 30 days)
   * @param dailyMaximum most minutes of service one volunteer may have recorded per calendar day
   *     in the bank's zone, counting proposed and approved records (default 12 hours)
   * @param groupHoursDonateOnly hours from group activities are credited to the volunteer's
   *     donate-only hours (default true)
   */
  public record Service(Duration reviewWindow, Minutes dailyMaximum, boolean groupHoursDonateOnly) {
    /**
     * Checks that the review window is positive and at most 3650 days, and the daily maximum 1
     * minute to 24 hours.
     *
     * @param reviewWindow the time within which a proposal must be decided
     * @param dailyMaximum most recorded minutes per volunteer and calendar day
     * @param groupHoursDonateOnly whether group credit goes to donate-only hours
     */
    public Service {
      Objects.requireNonNull(reviewWindow, "reviewWindow == null");
      if (reviewWindow.isNegative() || reviewWindow.isZero() || reviewWindow.toDays() > 3650) {
        throw new IllegalArgumentException("reviewWindow must be positive and at most 3650 days: " + reviewWindow);
      }
      Objects.requireNonNull(dailyMaximum, "dailyMaximum == null");
      if (dailyMaximum.isZero() || dailyMaximum.value() > 24 * 60) {
        throw new IllegalArgumentException("dailyMaximum must be 1 minute to 24 hours: " + dailyMaximum);
      }
    }

    /** {@return 30 days to review, 12 hours a day, group hours donate-only} */
    public static Service defaults() {
      return new Service(Duration.ofDays(30), Minutes.ofHours(12), true);
    }
  }

  /** How a service record is approved. */
  public enum ApprovalMode {
    /** One coordinator of the branch approves or rejects. */
    COORDINATOR,
    /** {@code quorum} members of the branch's moral review council (道德评议会) must approve. */
    COUNCIL
  }

  /**
   * Which approval applies to records of {@code serviceType} at {@code branch}; {@code "*"}
   * matches any.
   *
   * @param quorum approvals needed: 1 for {@link ApprovalMode#COORDINATOR}
   */
  public record ApprovalRule(String branch, String serviceType, ApprovalMode mode, int quorum) {
    /**
     * Checks the service type code (or {@code "*"}) and the quorum: 1 for a coordinator, 1 to 99
     * for a council.
     *
     * @param branch the branch id, or {@code "*"}
     * @param serviceType the service type code, or {@code "*"}
     * @param mode who approves
     * @param quorum approvals needed
     */
    public ApprovalRule {
      Objects.requireNonNull(branch, "branch == null");
      Objects.requireNonNull(serviceType, "serviceType == null");
      if (!serviceType.equals("*")) {
        ServiceType.checkCode(serviceType);
      }
      Objects.requireNonNull(mode, "mode == null");
      if (mode == ApprovalMode.COORDINATOR && quorum != 1) {
        throw new IllegalArgumentException("a coordinator approval has quorum 1, not " + quorum);
      }
      if (quorum < 1 || quorum > 99) {
        throw new IllegalArgumentException("quorum must be 1 to 99: " + quorum);
      }
    }

    /**
     * One coordinator approves.
     *
     * @param branch the branch id, or {@code "*"}
     * @param serviceType the service type code, or {@code "*"}
     * @return the rule
     */
    public static ApprovalRule coordinator(String branch, String serviceType) {
      return new ApprovalRule(branch, serviceType, ApprovalMode.COORDINATOR, 1);
    }

    /**
     * {@code quorum} council members must approve.
     *
     * @param branch the branch id, or {@code "*"}
     * @param serviceType the service type code, or {@code "*"}
     * @param quorum approvals needed, 1 to 99
     * @return the rule
     */
    public static ApprovalRule council(String branch, String serviceType, int quorum) {
      return new ApprovalRule(branch, serviceType, ApprovalMode.COUNCIL, quorum);
    }

    boolean matches(String b, String t) {
      return (branch.equals("*") || branch.equals(b)) && (serviceType.equals("*") || serviceType.equals(t));
    }
  }

  /** The people who review at a branch, by pseudonym. */
  public record Roles(Set<MemberId> coordinators, Set<MemberId> council) {
    /**
     * Copies the sets.
     *
     * @param coordinators the branch's coordinators
     * @param council the members of the branch's moral review council
     */
    public Roles {
      coordinators = Set.copyOf(Objects.requireNonNull(coordinators, "coordinators == null"));
      council = Set.copyOf(Objects.requireNonNull(council, "council == null"));
    }

    /**
     * The reviewers of a branch.
     *
     * @param coordinators the branch's coordinators
     * @param council the members of the branch's moral review council
     * @return the roles
     */
    public static Roles of(Set<MemberId> coordinators, Set<MemberId> council) {
      return new Roles(coordinators, council);
    }
  }

  /**
   * Approval rules and reviewers.
   *
   * @param rules the first rule that matches a record's branch and service type applies; when
   *     none matches, one coordinator approves (the default, with no rules)
   * @param roles reviewers per branch id; the key {@code "*"} names reviewers for every branch
   *     (default: none, so a bank must name its coordinators before anything is approved)
   */
  public record Approvals(List<ApprovalRule> rules, Map<String, Roles> roles) {
    /**
     * Copies the rules and roles.
     *
     * @param rules the approval rules, first match applies
     * @param roles reviewers per branch id, {@code "*"} for every branch
     */
    public Approvals {
      rules = List.copyOf(Objects.requireNonNull(rules, "rules == null"));
      roles = Map.copyOf(Objects.requireNonNull(roles, "roles == null"));
    }

    /** {@return no rules (one coordinator approves) and no reviewers} */
    public static Approvals defaults() {
      return new Approvals(List.of(), Map.of());
    }

    /**
     * {@return the rule for {@code branch} and {@code serviceType}: the first that matches, else
     * one coordinator}
     *
     * @param branch the branch id
     * @param serviceType the service type code
     */
    public ApprovalRule ruleFor(String branch, String serviceType) {
      for (ApprovalRule r : rules) {
        if (r.matches(branch, serviceType)) {
          return r;
        }
      }
      return ApprovalRule.coordinator("*", "*");
    }

    /**
     * {@return the reviewers of {@code mode} at {@code branch}, including those named for every
     * branch}
     *
     * @param branch the branch id
     * @param mode coordinators or council
     */
    public Set<MemberId> reviewers(String branch, ApprovalMode mode) {
      Set<MemberId> out = new HashSet<>();
      for (String key : List.of(branch, "*")) {
        Roles r = roles.get(key);
        if (r != null) {
          out.addAll(mode == ApprovalMode.COORDINATOR ? r.coordinators() : r.council());
        }
      }
      return out;
    }

    /**
     * {@return whether {@code member} is a coordinator or council member at {@code branch}}
     *
     * @param branch the branch id
     * @param member the member
     */
    public boolean isReviewer(String branch, MemberId member) {
      return reviewers(branch, ApprovalMode.COORDINATOR).contains(member)
          || reviewers(branch, ApprovalMode.COUNCIL).contains(member);
    }

    /**
     * {@return these approvals with {@code r} as the reviewers of {@code branch}}
     *
     * @param branch the branch id, or {@code "*"}
     * @param r the reviewers
     */
    public Approvals withRoles(String branch, Roles r) {
      Map<String, Roles> copy = new LinkedHashMap<>(roles);
      copy.put(branch, r);
      return new Approvals(rules, copy);
    }

    /**
     * {@return these approvals with {@code rule} tried before the existing rules}
     *
     * @param rule the rule to try first
     */
    public Approvals withRuleFirst(ApprovalRule rule) {
      List<ApprovalRule> copy = new ArrayList<>();
      copy.add(rule);
      copy.addAll(rules);
      return new Approvals(copy, roles);
    }
  }

  /**
   * Redemption rules.
   *
   * @param minAge redeemers younger than this are refused (default 0: no gate; banks use 60 or 65)
   * @param bookingTimeout a booking not delivered within this time expires (default 14 days)
   */
  public record Redemption(int minAge, Duration bookingTimeout) {
    /**
     * Checks the age and that the booking timeout is positive and at most 3650 days.
     *
     * @param minAge the redeemers' least age
     * @param bookingTimeout the time within which a booking must be delivered
     */
    public Redemption {
      checkAge("minAge", minAge);
      Objects.requireNonNull(bookingTimeout, "bookingTimeout == null");
      if (bookingTimeout.isNegative() || bookingTimeout.isZero() || bookingTimeout.toDays() > 3650) {
        throw new IllegalArgumentException("bookingTimeout must be positive and at most 3650 days: " + bookingTimeout);
      }
    }

    /** {@return no age gate, bookings expire after 14 days} */
    public static Redemption defaults() {
      return new Redemption(0, Duration.ofDays(14));
    }
  }

  /**
   * Gifts of stored hours to family.
   *
   * @param allowedRelations what the recipient must be to the giver (default: spouse, parent,
   *     child, grandparent, grandchild: "the volunteer, a spouse or direct relatives")
   * @param sameHousehold also allow gifts to anyone in the giver's household (default false)
   * @param recipientMinAge the recipient's least age on the day of the gift (default 60)
   * @param yearlyCap the most one giver may gift per calendar year (default 100 hours)
   */
  public record Gifts(
      Set<Relation> allowedRelations, boolean sameHousehold, int recipientMinAge, Minutes yearlyCap) {
    /**
     * Copies the relations and checks the age.
     *
     * @param allowedRelations what the recipient must be to the giver
     * @param sameHousehold whether the giver's household may receive too
     * @param recipientMinAge the recipient's least age
     * @param yearlyCap the most one giver may gift per calendar year
     */
    public Gifts {
      allowedRelations = Set.copyOf(Objects.requireNonNull(allowedRelations, "allowedRelations == null"));
      checkAge("recipientMinAge", recipientMinAge);
      Objects.requireNonNull(yearlyCap, "yearlyCap == null");
    }

    /**
     * {@return spouse, parents, children, grandparents and grandchildren aged 60 or more, up to 100
     * hours a year}
     */
    public static Gifts defaults() {
      return new Gifts(
          EnumSet.of(Relation.SPOUSE, Relation.PARENT, Relation.CHILD, Relation.GRANDPARENT, Relation.GRANDCHILD),
          false,
          60,
          Minutes.ofHours(100));
    }
  }

  /** Who comes first when a donation pool's hours are granted. */
  public enum GrantCategory {
    /** At least the elderly age, and living alone. */
    ELDERLY_LIVING_ALONE,
    /** At least the elderly age, and bereaved of an only child. */
    ELDERLY_BEREAVED_OF_ONLY_CHILD,
    /** At least the elderly age. */
    ELDERLY,
    /** Registered as disabled in the member's profile. */
    DISABLED,
    /** On a low income, as the member's profile says. */
    LOW_INCOME,
    /** Everyone. */
    OTHER;

    boolean matches(MemberProfile p, LocalDate on, int elderlyAge) {
      boolean elderly = p.ageOn(on) >= elderlyAge;
      Set<Circumstance> c = p.circumstances();
      switch (this) {
        case ELDERLY_LIVING_ALONE:
          return elderly && c.contains(Circumstance.LIVING_ALONE);
        case ELDERLY_BEREAVED_OF_ONLY_CHILD:
          return elderly && c.contains(Circumstance.BEREAVED_OF_ONLY_CHILD);
        case ELDERLY:
          return elderly;
        case DISABLED:
          return c.contains(Circumstance.DISABLED);
        case LOW_INCOME:
          return c.contains(Circumstance.LOW_INCOME);
        case OTHER:
          return true;
      }
      throw new AssertionError(this);
    }
  }

  /**
   * Grants from a donation pool.
   *
   * @param priority categories in order; a request ranks by the first category its member matches
   *     (members matching none rank last), then by the order requests were made (default: elderly
   *     living alone, elderly bereaved of an only child, elderly, disabled, low income, other)
   * @param elderlyAge the age from which a member counts as elderly (default 60)
   */
  public record Grants(List<GrantCategory> priority, int elderlyAge) {
    /**
     * Copies the priority, which names each category at most once, and checks the age.
     *
     * @param priority categories in order
     * @param elderlyAge the age from which a member counts as elderly
     */
    public Grants {
      priority = List.copyOf(Objects.requireNonNull(priority, "priority == null"));
      if (new HashSet<>(priority).size() != priority.size()) {
        throw new IllegalArgumentException("grant priority names a category twice: " + priority);
      }
      checkAge("elderlyAge", elderlyAge);
    }

    /** {@return every category in declaration order, elderly from 60} */
    public static Grants defaults() {
      return new Grants(List.of(GrantCategory.values()), 60);
    }

    /**
     * {@return the rank of a member: the index of the first category they match; {@code
     * priority.size()} if none}
     *
     * @param p the member's profile
     * @param on the day of the allocation, for the member's age
     */
    public int rank(MemberProfile p, LocalDate on) {
      for (int i = 0; i < priority.size(); i++) {
        if (priority.get(i).matches(p, on, elderlyAge)) {
          return i;
        }
      }
      return priority.size();
    }
  }

  /** How honour lists name members. */
  public enum HonourNaming {
    /** By pseudonym (the default): publishes nothing personal. */
    PSEUDONYM,
    /** By the display name in the member registry, falling back to the pseudonym when erased. */
    DISPLAY_NAME
  }

  /**
   * Honours.
   *
   * @param stars lifetime hours for 1, 2, ... stars, increasing (default 100, 300, 600, 1,000,
   *     1,500 hours)
   * @param listSize how many members an honour list shows (default 10)
   * @param naming how the list names them (default {@link HonourNaming#PSEUDONYM})
   */
  public record Honours(List<Minutes> stars, int listSize, HonourNaming naming) {
    /**
     * Checks that there are 1 to 10 increasing thresholds and a list size of 1 to 1000.
     *
     * @param stars lifetime hours for 1, 2, ... stars
     * @param listSize how many members an honour list shows
     * @param naming how the list names them
     */
    public Honours {
      stars = List.copyOf(Objects.requireNonNull(stars, "stars == null"));
      if (stars.isEmpty() || stars.size() > 10) {
        throw new IllegalArgumentException("1 to 10 star thresholds, not " + stars.size());
      }
      for (int i = 0; i < stars.size(); i++) {
        if (stars.get(i).isZero() || (i > 0 && stars.get(i).compareTo(stars.get(i - 1)) <= 0)) {
          throw new IllegalArgumentException("star thresholds must be positive and increasing: " + stars);
        }
      }
      if (listSize < 1 || listSize > 1000) {
        throw new IllegalArgumentException("listSize must be 1 to 1000: " + listSize);
      }
      Objects.requireNonNull(naming, "naming == null");
    }

    /**
     * {@return 100, 300, 600, 1,000 and 1,500 hours for 1 to 5 stars; lists of 10, by pseudonym}
     */
    public static Honours defaults() {
      return new Honours(
          List.of(Minutes.ofHours(100), Minutes.ofHours(300), Minutes.ofHours(600),
              Minutes.ofHours(1000), Minutes.ofHours(1500)),
          10,
          HonourNaming.PSEUDONYM);
    }

    /**
     * {@return the stars for a lifetime of {@code minutes}}
     *
     * @param minutes the lifetime minutes of service
     */
    public int starsFor(long minutes) {
      int n = 0;
      for (Minutes m : stars) {
        if (minutes >= m.value()) {
          n++;
        }
      }
      return n;
    }
  }

  /** Which branches serve each other's members (通存通兑, deposit anywhere, redeem anywhere). */
  public enum Reach {
    /** Only the member's own savings branch. */
    BRANCH,
    /** Any savings branch under the same sub-branch (a street). */
    SUB_BRANCH,
    /** Any savings branch of the bank (the whole city). */
    BANK
  }

  /**
   * Rules that take hours away for age, applied only when enabled, and only as explicit entries
   * written by {@code TimeBank.sweep()}.
   *
   * @param hoursExpireAfter hours credited longer ago than this expire, oldest first, back to the
   *     branch fund (default: never)
   * @param inactivityAfter a member with no movement of their own for this long (expiry and
   *     inactivity entries do not count) has their available balance, not what bookings reserve,
   *     moved to the donation pool (default: never)
   */
  public record Expiry(Optional<Period> hoursExpireAfter, Optional<Period> inactivityAfter) {
    /**
     * Checks that both periods, when set, are positive.
     *
     * @param hoursExpireAfter the age at which credited hours expire; empty for never
     * @param inactivityAfter the inactivity after which a balance goes to the pool; empty for never
     */
    public Expiry {
      Objects.requireNonNull(hoursExpireAfter, "hoursExpireAfter == null");
      Objects.requireNonNull(inactivityAfter, "inactivityAfter == null");
      for (Optional<Period> p : List.of(hoursExpireAfter, inactivityAfter)) {
        if (p.isPresent() && (p.get().isNegative() || p.get().isZero())) {
          throw new IllegalArgumentException("an expiry period must be positive: " + p.get());
        }
      }
    }

    /** {@return neither expiry nor inactivity} */
    public static Expiry defaults() {
      return new Expiry(Optional.empty(), Optional.empty());
    }
  }
}
