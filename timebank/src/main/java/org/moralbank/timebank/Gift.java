package org.moralbank.timebank;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * Gives stored hours to a relative who is a member of the branch where the gift is made.
 *
 * @param consent the guardian's, when the giver is a minor
 */
public record Gift(MemberId giver, MemberId recipient, Minutes minutes, Optional<MemberId> consent) {
  /**
   * Checks that nobody gives to themselves and that no field is null.
   *
   * @param giver the member whose main hours are given
   * @param recipient the relative who receives them
   * @param minutes the hours given, in minutes
   * @param consent the guardian's, when the giver is a minor
   */
  public Gift {
    Objects.requireNonNull(giver, "giver == null");
    Objects.requireNonNull(recipient, "recipient == null");
    if (giver.equals(recipient)) {
      throw new IllegalArgumentException("a gift to oneself: " + giver);
    }
    Objects.requireNonNull(minutes, "minutes == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  /**
   * A gift without consent.
   *
   * @param giver the member whose main hours are given
   * @param recipient the relative who receives them
   * @param minutes the hours given, in minutes
   * @return the gift
   */
  public static Gift of(MemberId giver, MemberId recipient, Minutes minutes) {
    return new Gift(giver, recipient, minutes, Optional.empty());
  }

  /**
   * {@return this gift with the consent of {@code guardian}}
   *
   * @param guardian the giver's guardian, when the giver is a minor
   */
  public Gift withConsent(MemberId guardian) {
    return new Gift(giver, recipient, minutes, Optional.of(guardian));
  }
}
