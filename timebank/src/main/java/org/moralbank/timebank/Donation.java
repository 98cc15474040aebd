package org.moralbank.timebank;

import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * Donates hours to the donation pool of the branch where the donation is made: donate-only hours
 * first, then main hours.
 *
 * @param consent the guardian's, when the donor is a minor
 */
public record Donation(MemberId donor, Minutes minutes, Optional<MemberId> consent) {
  public Donation {
    Objects.requireNonNull(donor, "donor == null");
    Objects.requireNonNull(minutes, "minutes == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  public static Donation of(MemberId donor, Minutes minutes) {
    return new Donation(donor, minutes, Optional.empty());
  }

  public Donation withConsent(MemberId guardian) {
    return new Donation(donor, minutes, Optional.of(guardian));
  }
}
