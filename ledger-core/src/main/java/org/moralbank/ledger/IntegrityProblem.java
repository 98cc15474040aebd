package org.moralbank.ledger;

/** What is wrong with the first bad record of a journal. */
public enum IntegrityProblem {
  /** The bytes do not decode as one well-formed record (a flipped bit, a cut record). */
  MALFORMED,
  /** The record's sequence is not its position: a record was dropped, duplicated or reordered. */
  SEQUENCE_MISMATCH,
  /**
   * The record's previous-hash field is not the leaf hash of the record before it: this record or
   * the one before it was altered, or a record was inserted or removed here.
   */
  PREVIOUS_HASH_MISMATCH,
  /** The hash a store keeps beside the record is not the leaf hash of its bytes. */
  STORED_HASH_MISMATCH,
  /** The timestamp is not after the previous record's. */
  TIMESTAMP_NOT_INCREASING,
  /** Record 0 is not a genesis record, a genesis record appears later, or it names another branch. */
  BAD_GENESIS,
  /** Replaying the record's command gives another outcome than the one recorded. */
  OUTCOME_MISMATCH,
  /** The record cannot have been written by the engine at this point (e.g. opens an open account). */
  IMPOSSIBLE_RECORD,
  /** The journal has fewer records than the trusted anchor says it had: it was cut. */
  TRUNCATED,
  /** The journal's head at the anchor's size differs from the trusted anchor: history was rewritten. */
  ANCHOR_MISMATCH
}
