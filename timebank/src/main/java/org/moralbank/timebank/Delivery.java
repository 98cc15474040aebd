package org.moralbank.timebank;

import java.util.Objects;
import org.moralbank.timebank.member.MemberId;

/**
 * Confirms that a booked service or reward was delivered: the booking posts. Confirmed by the
 * redeemer, their guardian, or a coordinator of the serving branch; never by the provider.
 */
public record Delivery(BookingRef booking, MemberId by) {
  /**
   * Checks that neither field is null.
   *
   * @param booking the booking delivered
   * @param by who confirms: the redeemer, their guardian or a coordinator
   */
  public Delivery {
    Objects.requireNonNull(booking, "booking == null");
    Objects.requireNonNull(by, "by == null");
  }
}
