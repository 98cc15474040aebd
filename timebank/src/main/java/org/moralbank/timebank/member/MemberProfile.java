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

  /**
   * Copies the relations and circumstances; nobody is their own guardian or relative.
   *
   * @param id the member's pseudonym
   * @param displayName how the member may be named in public honour lists
   * @param birthDate the member's birth date
   * @param contact free text for the application
   * @param guardian for a minor: the adult who consents
   * @param household the application's household id
   * @param relations what each relative is to this member
   * @param circumstances for the priority of grants
   */
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

  /**
   * A profile with a display name and birth date and nothing else.
   *
   * @param id the member's pseudonym
   * @param displayName how the member may be named in public honour lists
   * @param birthDate the member's birth date
   * @return the profile
   */
  public static MemberProfile of(MemberId id, String displayName, LocalDate birthDate) {
    return new MemberProfile(
        id, displayName, birthDate, "", Optional.empty(), Optional.empty(), Map.of(), Set.of());
  }

  /**
   * {@return completed years of age on {@code date}; negative before the birth date}
   *
   * @param date the day, in the bank's zone
   */
  public int ageOn(LocalDate date) {
    Objects.requireNonNull(date, "date == null");
    if (date.isBefore(birthDate)) {
      return -1;
    }
    return Period.between(birthDate, date).getYears();
  }

  /**
   * {@return this profile with guardian {@code g}}
   *
   * @param g the adult who consents for this member while a minor
   */
  public MemberProfile withGuardian(MemberId g) {
    return new MemberProfile(
        id, displayName, birthDate, contact, Optional.of(g), household, relations, circumstances);
  }

  /**
   * {@return this profile in household {@code h}}
   *
   * @param h the application's household id
   */
  public MemberProfile withHousehold(String h) {
    return new MemberProfile(
        id, displayName, birthDate, contact, guardian, Optional.of(h), relations, circumstances);
  }

  /**
   * {@return this profile with contact {@code c}}
   *
   * @param c free text for the application; the bank never reads it
   */
  public MemberProfile withContact(String c) {
    return new MemberProfile(
        id, displayName, birthDate, c, guardian, household, relations, circumstances);
  }

  /**
   * {@return this profile with one relation added (or replaced): {@code other} is {@code relation}
   * to this member}
   *
   * @param other the relative
   * @param relation what they are to this member
   */
  public MemberProfile withRelation(MemberId other, Relation relation) {
    Map<MemberId, Relation> copy = new HashMap<>(relations);
    copy.put(other, relation);
    return new MemberProfile(
        id, displayName, birthDate, contact, guardian, household, copy, circumstances);
  }

  /**
   * {@return this profile with circumstances {@code cs}, replacing any earlier ones}
   *
   * @param cs the circumstances, for the priority of grants
   */
  public MemberProfile withCircumstances(Circumstance... cs) {
    Set<Circumstance> set = EnumSet.noneOf(Circumstance.class);
    set.addAll(List.of(cs));
    return new MemberProfile(id, displayName, birthDate, contact, guardian, household, relations, set);
  }
}
