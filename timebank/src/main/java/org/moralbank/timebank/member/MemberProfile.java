package org.moralbank.timebank.member;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A member's personal data, as the application's registry holds it. Never journaled.
 *
 * @param displayName how the member may be named in public honour lists, when the bank publishes
 *     names at all
 * @param birthDate for ages: minors, recipient and redemption age gates, elderly priority
 * @param contact free text (phone, address) for the application; the bank never reads it
 * @param guardian for a minor: the adult who consents to their records and redemptions
 * @param household the application's household id; a gift policy may allow gifts within it
 * @param relations what each relative is to this member
 * @param circumstances for the priority of grants from a donation pool
 */
public record MemberProfile(
    MemberId id,
    String displayName,
    LocalDate birthDate,
    String contact,
    Optional<MemberId> guardian,
    Optional<String> household,
    Map<MemberId, Relation> relations,
    Set<Circumstance> circumstances) {

  public MemberProfile {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(birthDate, "birthDate == null");
    Objects.requireNonNull(contact, "contact == null");
    Objects.requireNonNull(guardian, "guardian == null");
    Objects.requireNonNull(household, "household == null");
    relations = Map.copyOf(Objects.requireNonNull(relations, "relations == null"));
    circumstances = Set.copyOf(Objects.requireNonNull(circumstances, "circumstances == null"));
    if (guardian.isPresent() && guardian.get().equals(id)) {
      throw new IllegalArgumentException("a member cannot be their own guardian: " + id);
    }
    if (relations.containsKey(id)) {
      throw new IllegalArgumentException("a member cannot be their own relative: " + id);
    }
  }

  /** A profile with a display name and birth date and nothing else. */
  public static MemberProfile of(MemberId id, String displayName, LocalDate birthDate) {
    return new MemberProfile(
        id, displayName, birthDate, "", Optional.empty(), Optional.empty(), Map.of(), Set.of());
  }

  /** Completed years of age on {@code date}; negative before the birth date. */
  public int ageOn(LocalDate date) {
    Objects.requireNonNull(date, "date == null");
    if (date.isBefore(birthDate)) {
      return -1;
    }
    return Period.between(birthDate, date).getYears();
  }

  public MemberProfile withGuardian(MemberId g) {
    return new MemberProfile(
        id, displayName, birthDate, contact, Optional.of(g), household, relations, circumstances);
  }

  public MemberProfile withHousehold(String h) {
    return new MemberProfile(
        id, displayName, birthDate, contact, guardian, Optional.of(h), relations, circumstances);
  }

  public MemberProfile withContact(String c) {
    return new MemberProfile(
        id, displayName, birthDate, c, guardian, household, relations, circumstances);
  }

  /** Adds (or replaces) one relation: {@code other} is {@code relation} to this member. */
  public MemberProfile withRelation(MemberId other, Relation relation) {
    Map<MemberId, Relation> copy = new HashMap<>(relations);
    copy.put(other, relation);
    return new MemberProfile(
        id, displayName, birthDate, contact, guardian, household, copy, circumstances);
  }

  public MemberProfile withCircumstances(Circumstance... cs) {
    Set<Circumstance> set = EnumSet.noneOf(Circumstance.class);
    set.addAll(List.of(cs));
    return new MemberProfile(id, displayName, birthDate, contact, guardian, household, relations, set);
  }
}
