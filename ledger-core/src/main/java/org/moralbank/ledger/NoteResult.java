package org.moralbank.ledger;

/** A note was journaled as the record {@code sequence} at {@code timestamp}. */
public record NoteResult(long sequence, long timestamp) {}
