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
  public Gift {
    Objects.requireNonNull(giver, "giver == null");
    Objects.requireNonNull(recipient, "recipient == null");
    if (giver.equals(recipient)) {
      throw new IllegalArgumentException("a gift to oneself: " + giver);
    }
    Objects.requireNonNull(minutes, "minutes == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  public static Gift of(MemberId giver, MemberId recipient, Minutes minutes) {
    return new Gift(giver, recipient, minutes, Optional.empty());
  }

  public Gift withConsent(MemberId guardian) {
    return new Gift(giver, recipient, minutes, Optional.of(guardian));
  }
}
