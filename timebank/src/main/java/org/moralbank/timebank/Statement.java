package org.moralbank.timebank;

import java.time.LocalDate;
import java.util.List;
import org.moralbank.timebank.member.MemberId;

/**
 * A member statement (对账单) for the days {@code from} (inclusive) to {@code to} (exclusive) in
 * the bank's zone, read from the member's home journal. A movement belongs to the day it was
 * posted (an approved service to the day of its approval, not of the service). Balances are posted
 * balances of main and donate-only hours together: hours reserved by pending bookings are not
 * taken off.
 *
 * @param member the member
 * @param branch the member's home branch, whose journal holds their accounts
 * @param from the first day
 * @param to the day after the last
 * @param opening the posted balance before {@code from}: the sum of every movement posted on an
 *     earlier day, in minutes
 * @param lines the movements posted in the period, in journal order
 * @param closing {@code opening} plus the lines: the posted balance at the end of the period, or
 *     now if the period has not ended, in minutes
 * @param pendingBookings the bookings in which the member is the redeemer and that are pending
 *     now, at any branch, whatever the period
 * @param position the home journal position the statement was computed at
 */
public record Statement(
    MemberId member,
    String branch,
    LocalDate from,
    LocalDate to,
    long opening,
    List<StatementLine> lines,
    long closing,
    List<Booking> pendingBookings,
    JournalPosition position) {
  /**
   * Copies the lists.
   *
   * @param member the member
   * @param branch the member's home branch
   * @param from the first day
   * @param to the day after the last
   * @param opening the posted balance before {@code from}, in minutes
   * @param lines the movements posted in the period, in journal order
   * @param closing the posted balance at the end of the period, in minutes
   * @param pendingBookings the member's bookings as redeemer that are pending now, at any branch
   * @param position the home journal position the statement was computed at
   */
  public Statement {
    lines = List.copyOf(lines);
    pendingBookings = List.copyOf(pendingBookings);
  }
}
