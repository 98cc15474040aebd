package org.moralbank.examples.demo;

import java.util.EnumMap;
import java.util.Map;
import org.moralbank.timebank.Outcome;
import org.moralbank.timebank.Reason;

/**
 * What happened during the simulated year, counted by the simulation: events, and the commands
 * the bank refused with their reasons. Hour totals come from the bank's own reports, not from
 * here.
 */
final class Tally {
  int enrolled;
  int servicesRecorded;
  int groupActivities;
  int groupCredits;
  int servicesAtOtherBranch;
  int approved;
  int rejectedAtReview;
  int councilVotes;
  int proposalsExpired;
  int bookings;
  int rewardBookings;
  int redemptionsAtOtherBranch;
  int delivered;
  int cancelled;
  int bookingsExpired;
  int gifts;
  int donations;
  int donationsToOtherBranch;
  int grantRequests;
  int grantsPaid;
  int deductions;
  /** Commands the bank accepted: each returned only once its records were durable. */
  int accepted;
  /** Wall time of the phases, for the summary. */
  long enrolNanos;
  long yearNanos;
  long auditNanos;
  final Map<Reason, Integer> refusals = new EnumMap<>(Reason.class);

  /** The outcome's value, or null after counting its refusal. */
  <T> T accepted(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Rejected<T> r) {
      refusals.merge(r.reason(), 1, Integer::sum);
      return null;
    }
    accepted++;
    return outcome.value();
  }

  int refusals() {
    return refusals.values().stream().mapToInt(Integer::intValue).sum();
  }
}
