package org.moralbank.timebank;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.moralbank.timebank.member.MemberId;

/**
 * Service given, recorded for approval. Whoever records certifies: the recorder's pseudonym is
 * journaled with the record (谁记录谁证明).
 *
 * @param volunteers one volunteer, or the participants of a group activity (each credited in full)
 * @param groupActivity a group activity: its hours may only be donated when the policy says so
 * @param serviceType a code of the catalogue version in force on the day the service started
 * @param start whole minutes (no seconds), before {@code end}; at most 24 hours before it
 * @param beneficiary who received the service, when there is one person; not a volunteer
 * @param consents guardians consenting for the minors among the volunteers
 */
public record ServiceRecord(
    List<MemberId> volunteers,
    boolean groupActivity,
    String serviceType,
    Instant start,
    Instant end,
    Optional<MemberId> beneficiary,
    MemberId recorder,
    Set<MemberId> consents) {
  /** The most volunteers one record names. */
  public static final int MAX_VOLUNTEERS = 500;

  /**
   * Checks the record and copies the lists, so that a malformed record never reaches a journal.
   *
   * @param volunteers one volunteer, or the participants of a group activity
   * @param groupActivity whether this is a group activity
   * @param serviceType a code of the catalogue
   * @param start when the service started, on a whole minute
   * @param end when it ended, on a whole minute
   * @param beneficiary who received the service, if one person
   * @param recorder who records and so certifies the service
   * @param consents guardians consenting for the minors among the volunteers
   * @throws IllegalArgumentException for an empty, too long or repeated volunteer list, an
   *     individual record with several volunteers, a malformed service type, times not on whole
   *     minutes, out of order or more than 24 hours apart, or a beneficiary who is also a volunteer
   */
  public ServiceRecord {
    volunteers = List.copyOf(Objects.requireNonNull(volunteers, "volunteers == null"));
    if (volunteers.isEmpty() || volunteers.size() > MAX_VOLUNTEERS) {
      throw new IllegalArgumentException("a record has 1 to " + MAX_VOLUNTEERS + " volunteers, not " + volunteers.size());
    }
    if (new HashSet<>(volunteers).size() != volunteers.size()) {
      throw new IllegalArgumentException("a volunteer is listed twice: " + volunteers);
    }
    if (!groupActivity && volunteers.size() != 1) {
      throw new IllegalArgumentException("an individual record has one volunteer; use a group activity for " + volunteers);
    }
    Texts.code("serviceType", serviceType);
    Objects.requireNonNull(start, "start == null");
    Objects.requireNonNull(end, "end == null");
    wholeMinute("start", start);
    wholeMinute("end", end);
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("service must start before it ends: " + start + " to " + end);
    }
    if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("one record covers at most 24 hours: " + start + " to " + end);
    }
    Objects.requireNonNull(beneficiary, "beneficiary == null");
    if (beneficiary.isPresent() && volunteers.contains(beneficiary.get())) {
      throw new IllegalArgumentException("the beneficiary " + beneficiary.get() + " is also a volunteer");
    }
    Objects.requireNonNull(recorder, "recorder == null");
    consents = Set.copyOf(Objects.requireNonNull(consents, "consents == null"));
  }

  private static void wholeMinute(String what, Instant t) {
    if (t.getNano() != 0 || t.getEpochSecond() % 60 != 0) {
      throw new IllegalArgumentException(what + " must be on a whole minute: " + t);
    }
  }

  /**
   * One volunteer's service.
   *
   * @param volunteer who served
   * @param serviceType a code of the catalogue
   * @param start when the service started, on a whole minute
   * @param end when it ended, on a whole minute
   * @param recorder who records and so certifies the service
   * @return the record, without beneficiary or consents
   */
  public static ServiceRecord individual(
      MemberId volunteer, String serviceType, Instant start, Instant end, MemberId recorder) {
    return new ServiceRecord(List.of(volunteer), false, serviceType, start, end, Optional.empty(), recorder, Set.of());
  }

  /**
   * A group activity: every participant is credited the same.
   *
   * @param volunteers the participants
   * @param serviceType a code of the catalogue
   * @param start when the activity started, on a whole minute
   * @param end when it ended, on a whole minute
   * @param recorder who records and so certifies the activity
   * @return the record, without beneficiary or consents
   */
  public static ServiceRecord group(
      List<MemberId> volunteers, String serviceType, Instant start, Instant end, MemberId recorder) {
    return new ServiceRecord(volunteers, true, serviceType, start, end, Optional.empty(), recorder, Set.of());
  }

  /**
   * {@return this record with beneficiary {@code b}}
   *
   * @param b who received the service; not a volunteer
   */
  public ServiceRecord withBeneficiary(MemberId b) {
    return new ServiceRecord(volunteers, groupActivity, serviceType, start, end, Optional.of(b), recorder, consents);
  }

  /**
   * {@return this record with the consents of {@code guardians}, replacing any earlier ones}
   *
   * @param guardians the guardians consenting for the minors among the volunteers
   */
  public ServiceRecord withConsents(MemberId... guardians) {
    return new ServiceRecord(volunteers, groupActivity, serviceType, start, end, beneficiary, recorder, Set.of(guardians));
  }

  /** {@return the minutes between start and end} */
  public long minutes() {
    return Duration.between(start, end).toMinutes();
  }
}
