package org.moralbank.timebank;

import java.time.Instant;
import java.util.Optional;
import org.moralbank.ledger.Minutes;
import org.moralbank.timebank.member.MemberId;

/**
 * A booking as the journals tell it.
 *
 * @param provider empty for a reward
 * @param expiresAt when a pending booking expires
 */
public record Booking(
    BookingRef ref,
    BookingStatus status,
    MemberId redeemer,
    Optional<MemberId> provider,
    String item,
    Minutes minutes,
    Instant bookedAt,
    Instant expiresAt) {}
