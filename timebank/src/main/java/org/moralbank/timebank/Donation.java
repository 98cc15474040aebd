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
  /**
   * Checks that no field is null.
   *
   * @param donor the member who donates
   * @param minutes the hours donated, in minutes
   * @param consent the guardian's, when the donor is a minor
   */
  public Donation {
    Objects.requireNonNull(donor, "donor == null");
    Objects.requireNonNull(minutes, "minutes == null");
    Objects.requireNonNull(consent, "consent == null");
  }

  /**
   * A donation without consent.
   *
   * @param donor the member who donates
   * @param minutes the hours donated, in minutes
   * @return the donation
   */
  public static Donation of(MemberId donor, Minutes minutes) {
    return new Donation(donor, minutes, Optional.empty());
  }

  /**
   * {@return this donation with the consent of {@code guardian}}
   *
   * @param guardian the donor's guardian, when the donor is a minor
   */
  public Donation withConsent(MemberId guardian) {
    return new Donation(donor, minutes, Optional.of(guardian));
  }
}
