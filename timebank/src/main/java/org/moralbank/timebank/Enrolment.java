package org.moralbank.timebank;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.timebank.member.MemberId;

/**
 * Makes a savings branch a member's home: opens their accounts there. The member must have a
 * profile in the registry; a minor needs their guardian's consent.
 */
public record Enrolment(MemberId member, Optional<MemberId> consent) {
  /**
   * Checks that neither field is null.
   *
   * @param member the member to enrol
   * @param consent the guardian's, when the member is a minor
   */
  public Enrolment {
    Objects.requireNonNull(member, "member == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  /**
   * An enrolment without consent.
   *
   * @param member the member to enrol
   * @return the enrolment
   */
  public static Enrolment of(MemberId member) {
    return new Enrolment(member, Optional.empty());
  }

  /**
   * {@return this enrolment with the consent of {@code guardian}}
   *
   * @param guardian the member's guardian, when the member is a minor
   */
  public Enrolment withConsent(MemberId guardian) {
    return new Enrolment(member, Optional.of(guardian));
  }
}
