package org.moralbank.timebank;

import org.moralbank.ledger.Minutes;

/**
 * What {@link TimeBank#sweep()} wrote.
 *
 * @param proposalsExpired proposals nobody reviewed in time, now expired by an explicit note
 * @param transfersExpired pending transfers (bookings, clearing legs) past their timeout
 * @param clearingFinished cross-branch movements finished or voided
 * @param expired hours taken by the hours-expiry rule
 * @param inactive hours moved to pools by the inactivity rule
 */
public record SweepReport(
    int proposalsExpired, int transfersExpired, int clearingFinished, Minutes expired, Minutes inactive) {}
