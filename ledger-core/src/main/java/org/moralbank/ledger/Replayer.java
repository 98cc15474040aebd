package org.moralbank.ledger;

import java.util.Optional;

/**
 * Checks and applies stored records one at a time, in order: the one path by which a journal is
 * reopened, caught up after another writer appended, and verified by an auditor.
 *
 * <p>Each record must decode, sit at its position, link to the previous record's leaf hash, come
 * later than the previous record, and, replayed through the engine, give exactly the outcome it
 * records. The first record that fails is reported and nothing after it is applied.
 */
final class Replayer {
  private final LedgerRecord.Genesis expected;
  private BranchState state;
  private HashAlgorithm.Hasher hasher;
  private long size;
  private Hash head = Hash.ZERO;
  private long lastTimestamp = Long.MIN_VALUE;

  /**
   * @param expected the genesis the journal must start with, or null to accept any (an auditor
   *     learns the branch from the journal)
   */
  Replayer(LedgerRecord.Genesis expected) {
    this.expected = expected;
  }

  /** Continues from a state restored from a snapshot or built live. */
  Replayer(BranchState state, long size, Hash head, long lastTimestamp) {
    this.expected = state.genesis;
    this.state = state;
    this.hasher = state.genesis.algorithm().newHasher();
    this.size = size;
    this.head = head;
    this.lastTimestamp = lastTimestamp;
  }

  BranchState state() {
    return state;
  }

  long size() {
    return size;
  }

  Hash head() {
    return head;
  }

  long lastTimestamp() {
    return lastTimestamp;
  }

  /**
   * Checks and applies one record given with the hashes a store keeps beside it.
   *
   * @return null when the record is sound and applied, else the failure (nothing applied)
   */
  IntegrityFailure accept(long sequence, Hash storedPrevious, Hash storedHash, byte[] bytes) {
    if (sequence != size) {
      return new IntegrityFailure(
          size, IntegrityProblem.SEQUENCE_MISMATCH, "the store returned sequence " + sequence);
    }
    if (!storedPrevious.equals(head)) {
      return new IntegrityFailure(
          size, IntegrityProblem.PREVIOUS_HASH_MISMATCH,
          "the store links it to " + storedPrevious + ", previous record hashes to " + head);
    }
    IntegrityFailure f = accept(bytes);
    if (f == null && !storedHash.equals(head)) {
      return new IntegrityFailure(
          size - 1, IntegrityProblem.STORED_HASH_MISMATCH,
          "the store keeps hash " + storedHash + ", the record hashes to " + head);
    }
    return f;
  }

  /**
   * Checks and applies the canonical bytes of the next record.
   *
   * @return null when the record is sound and applied, else the failure
   */
  IntegrityFailure accept(byte[] bytes) {
    LedgerRecord record;
    try {
      record = LedgerRecord.decode(bytes);
    } catch (MalformedRecordException e) {
      return new IntegrityFailure(size, IntegrityProblem.MALFORMED, e.getMessage());
    }
    if (record.sequence() != size) {
      return new IntegrityFailure(
          size, IntegrityProblem.SEQUENCE_MISMATCH,
          "expected sequence " + size + ", found " + record.sequence());
    }
    if (!record.previousHash().equals(head)) {
      return new IntegrityFailure(
          size, IntegrityProblem.PREVIOUS_HASH_MISMATCH,
          "links to " + record.previousHash() + ", previous record hashes to " + head);
    }
    if (size > 0 && record.timestamp() <= lastTimestamp) {
      return new IntegrityFailure(
          size, IntegrityProblem.TIMESTAMP_NOT_INCREASING,
          "timestamp " + record.timestamp() + " is not after " + lastTimestamp);
    }
    IntegrityFailure f = apply(record);
    if (f != null) {
      return f;
    }
    head = hasher.leafHash(bytes);
    lastTimestamp = record.timestamp();
    size++;
    return null;
  }

  private IntegrityFailure apply(LedgerRecord record) {
    LedgerRecord.Body body = record.body();
    long seq = record.sequence();
    long ts = record.timestamp();
    if (body instanceof LedgerRecord.Genesis g) {
      if (seq != 0) {
        return new IntegrityFailure(seq, IntegrityProblem.BAD_GENESIS, "a genesis record after record 0");
      }
      if (expected != null && !expected.equals(g)) {
        return new IntegrityFailure(
            seq, IntegrityProblem.BAD_GENESIS, "journal is " + g + ", expected " + expected);
      }
      state = new BranchState(g);
      hasher = g.algorithm().newHasher();
      return null;
    }
    if (state == null) {
      return new IntegrityFailure(seq, IntegrityProblem.BAD_GENESIS, "record 0 is not a genesis record");
    }
    IntegrityFailure f = applyToState(body, seq, ts);
    if (f != null) {
      state.rollbackTo(0);
    }
    state.commit();
    return f;
  }

  private IntegrityFailure applyToState(LedgerRecord.Body body, long seq, long ts) {
    if (body instanceof LedgerRecord.AccountOpened o) {
      BranchState.Decision<AccountResult> d = state.open(o.command(), ts);
      return d.journal() ? null : impossible(seq, "opens account " + o.command().id() + " again: " + d.result());
    } else if (body instanceof LedgerRecord.AccountStatusChanged c) {
      BranchState.Decision<AccountResult> d = state.changeStatus(c.command(), ts);
      return d.journal() ? null : impossible(seq, "status change not allowed: " + d.result());
    } else if (body instanceof LedgerRecord.Transfers t) {
      BranchState.Decision<?> d = state.transfers(t.group(), seq, ts);
      if (!d.journal()) {
        return impossible(seq, "the engine journals no record for this group: " + d.result());
      }
      if (!d.rejection().equals(t.rejection())) {
        return new IntegrityFailure(
            seq, IntegrityProblem.OUTCOME_MISMATCH,
            "records " + describe(t.rejection()) + ", replay gives " + describe(d.rejection()));
      }
      return null;
    } else if (body instanceof LedgerRecord.Noted) {
      return null;
    } else if (body instanceof LedgerRecord.Expired e) {
      String problem = state.expire(e.pendingIds(), ts);
      return problem == null ? null : impossible(seq, problem);
    }
    throw new AssertionError("unknown body " + body);
  }

  private static String describe(Optional<LedgerRecord.Rejection> r) {
    return r.map(x -> "rejection of transfer " + x.index() + " for " + x.reason()).orElse("applied");
  }

  private static IntegrityFailure impossible(long seq, String detail) {
    return new IntegrityFailure(seq, IntegrityProblem.IMPOSSIBLE_RECORD, detail);
  }
}
