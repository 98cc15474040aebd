package org.moralbank.timebank;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * Books a redemption at the serving branch: hours for a service from a member of that branch
 * (who earns them on delivery) or for a reward (the hours go to the branch's redemption sink).
 * The booking is a pending transfer that posts on delivery and voids on cancellation or expiry.
 *
 * @param provider the member who gives the service; empty for a reward
 * @param item the service type or reward code: 1 to 32 of {@code a-z 0-9 -}
 * @param timeout how long the booking waits for delivery; empty for the policy's default
 * @param consent the guardian's, when the redeemer is a minor
 */
public record Redemption(
    MemberId redeemer,
    Optional<MemberId> provider,
    String item,
    Minutes minutes,
    Optional<Duration> timeout,
    Optional<MemberId> consent) {
  /**
   * Checks the booking; a member cannot redeem their own service.
   *
   * @param redeemer the member whose main hours pay
   * @param provider the member who gives the service; empty for a reward
   * @param item the service type or reward code
   * @param minutes the hours booked, in minutes
   * @param timeout how long the booking waits for delivery; empty for the policy's default
   * @param consent the guardian's, when the redeemer is a minor
   */
  public Redemption {
    Objects.requireNonNull(redeemer, "redeemer == null");
    Objects.requireNonNull(provider, "provider == null");
    if (provider.isPresent() && provider.get().equals(redeemer)) {
      throw new IllegalArgumentException("a member cannot redeem their own service: " + redeemer);
    }
    Texts.code("item", item);
    Objects.requireNonNull(minutes, "minutes == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero()
        || timeout.get().toDays() > 3650)) {
      throw new IllegalArgumentException("timeout must be positive and at most 3650 days: " + timeout.get());
    }
    Objects.requireNonNull(consent, "consent == null");
  }

  /**
   * A service from {@code provider}, a member of the serving branch.
   *
   * @param redeemer the member whose main hours pay
   * @param provider the member who gives the service and earns the hours on delivery
   * @param serviceType the service type code
   * @param minutes the hours booked, in minutes
   * @return the redemption, with the policy's timeout and no consent
   */
  public static Redemption service(MemberId redeemer, MemberId provider, String serviceType, Minutes minutes) {
    return new Redemption(redeemer, Optional.of(provider), serviceType, minutes, Optional.empty(), Optional.empty());
  }

  /**
   * A reward from the serving branch (for example the merchants' branch).
   *
   * @param redeemer the member whose main hours pay
   * @param reward the reward code
   * @param minutes the hours booked, in minutes
   * @return the redemption, with the policy's timeout and no consent
   */
  public static Redemption reward(MemberId redeemer, String reward, Minutes minutes) {
    return new Redemption(redeemer, Optional.empty(), reward, minutes, Optional.empty(), Optional.empty());
  }

  /**
   * {@return this redemption with booking timeout {@code t}}
   *
   * @param t how long the booking waits for delivery, at most 3650 days
   */
  public Redemption withTimeout(Duration t) {
    return new Redemption(redeemer, provider, item, minutes, Optional.of(t), consent);
  }

  /**
   * {@return this redemption with the consent of {@code guardian}}
   *
   * @param guardian the redeemer's guardian, when the redeemer is a minor
   */
  public Redemption withConsent(MemberId guardian) {
    return new Redemption(redeemer, provider, item, minutes, timeout, Optional.of(guardian));
  }
}
