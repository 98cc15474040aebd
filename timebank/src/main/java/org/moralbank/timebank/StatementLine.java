package org.moralbank.timebank;

import java.time.Instant;

/**
 * One posted movement of a member's hours.
 *
 * @param at when it was posted: the timestamp of the record that holds it
 * @param sequence the record of the member's home journal that holds it
 * @param kind what it was, from the transfer's code and the member's side of it
 * @param donateOnly whether it moved donate-only hours
 * @param minutes signed: positive in, negative out
 * @param counterparty {@code fund}, {@code pool}, {@code sink}, a member pseudonym, or
 *     {@code branch:<id>} for a movement cleared with another branch
 * @param reference the op id linking the movement to the journal note that explains it
 */
public record StatementLine(
    Instant at,
    long sequence,
    MovementKind kind,
    boolean donateOnly,
    long minutes,
    String counterparty,
    String reference) {}
