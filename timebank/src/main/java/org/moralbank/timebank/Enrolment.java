package org.moralbank.timebank;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.timebank.member.MemberId;

/**
 * Makes a savings branch a member's home: opens their accounts there. The member must have a
 * profile in the registry; a minor needs their guardian's consent.
 */
public record Enrolment(MemberId member, Optional<MemberId> consent) {
  public Enrolment {
    Objects.requireNonNull(member, "member == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  public static Enrolment of(MemberId member) {
    return new Enrolment(member, Optional.empty());
  }

  public Enrolment withConsent(MemberId guardian) {
    return new Enrolment(member, Optional.of(guardian));
  }
}
