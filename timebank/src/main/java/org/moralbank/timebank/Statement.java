package org.moralbank.timebank;

import java.time.LocalDate;
import java.util.List;
import org.moralbank.timebank.member.MemberId;

/**
 * A member statement (对账单) for the days {@code from} (inclusive) to {@code to} (exclusive) in
 * the bank's zone. Balances count main and donate-only hours together.
 *
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
   * @param opening the balance at the start of {@code from}, in minutes
   * @param lines the movements in the period, in journal order
   * @param closing the balance at the end of the period, in minutes
   * @param pendingBookings the member's bookings still pending, at any branch
   * @param position the home journal position the statement was computed at
   */
  public Statement {
    lines = List.copyOf(lines);
    pendingBookings = List.copyOf(pendingBookings);
  }
}
