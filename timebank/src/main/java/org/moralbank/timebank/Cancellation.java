package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/**
 * Cancels a booking: its hours return to the redeemer. By the redeemer, their guardian, the
 * provider, or a coordinator of the serving branch.
 */
public record Cancellation(BookingRef booking, MemberId by) {
  /**
   * Checks that neither field is null.
   *
   * @param booking the booking to cancel
   * @param by who cancels: the redeemer, their guardian, the provider or a coordinator
   */
  public Cancellation {
    Objects.requireNonNull(booking, "booking == null");
    Objects.requireNonNull(by, "by == null");
  }
}
