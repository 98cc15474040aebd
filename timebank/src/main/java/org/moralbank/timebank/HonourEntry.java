package org.moralbank.timebank;

import org.moralbank.ledger.Minutes;

/**
 * One line of an honour list.
 *
 * @param name the pseudonym or display name, as the bank's honour policy chooses
 * @param minutes service credited in the period
 * @param stars stars from lifetime hours
 */
public record HonourEntry(int rank, String name, Minutes minutes, int stars) {}
