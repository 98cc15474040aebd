package org.moralbank.ledger;

import java.util.Arrays;
import java.util.Optional;
import org.moralbank.ledger.proof.MerkleFrontier;

/**
 * Checks and applies stored records one at a time, in order: the one path by which a journal is
 * reopened, caught up after another writer appended, and verified by an auditor.
 *
 * <p>The checks come in two halves, in this order for every record:
 *
 * <ol>
 *   <li>the <em>link</em> ({@link ChainCheck}): the fixed header decodes, the record sits at its
 *       position, links to the previous record's leaf hash and comes later than it; then its own
 *       leaf hash is computed;
 *   <li>the <em>body</em> ({@link #applyBody}): the record decodes in full, and replayed through
 *       the engine gives exactly the outcome it records.
 * </ol>
 *
 * <p>The halves share nothing but the record bytes, so a verifier may run them on two threads
 * ({@link JournalVerifier#verify}). The first record that fails is reported and nothing after it
 * is applied. A failed record may leave the state half-changed (replay keeps no undo for a single
 * transfer, see {@link BranchState#replayTransfers}): every caller stops at the first failure
 * and discards the replayer with its state.
 */
final class Replayer {
  private final LedgerRecord.Genesis expected;
  private final ChainCheck chain;
  /** The account ids replayed so far: one object per account, however many transfers name it. */
  private final AccountId[] accountIds = RecordCodec.Input.accountTable();
  /** Every record this replay decodes goes through this one input. */
  private final RecordCodec.Input input =
      new RecordCodec.Input(new byte[0], 0, 0, accountIds, null);
  /** Plain transfers read without decoding: slot 0 for one record at a time, more for batches. */
  private final RecordCodec.PlainTransfers plain;
  private long expectedRecords;
  private BranchState state;

  /**
   * @param expected the genesis the journal must start with, or null to accept any (an auditor
   *     learns the branch from the journal)
   */
  Replayer(LedgerRecord.Genesis expected) {
    this(expected, 1);
  }

  /** @param batch how many records a caller decodes ahead ({@link #decodeAhead}) */
  Replayer(LedgerRecord.Genesis expected, int batch) {
    this.expected = expected;
    this.chain = new ChainCheck();
    this.plain = new RecordCodec.PlainTransfers(batch);
  }

  /** Sizes the state for a journal of about {@code records} records; call before the first. */
  Replayer expecting(long records) {
    this.expectedRecords = records;
    return this;
  }

  /** Continues from a state restored from a snapshot or built live. */
  Replayer(BranchState state, long size, Hash head, long lastTimestamp, MerkleFrontier frontier) {
    this.expected = state.genesis;
    this.state = state;
    this.chain = new ChainCheck(size, head, lastTimestamp, frontier.copy());
    this.plain = new RecordCodec.PlainTransfers(1);
  }

  BranchState state() {
    return state;
  }

  long size() {
    return chain.size;
  }

  Hash head() {
    return chain.head;
  }

  long lastTimestamp() {
    return chain.lastTimestamp;
  }

  /** The Merkle frontier over the records accepted so far (a copy). */
  MerkleFrontier frontier() {
    return chain.frontier.copy();
  }

  /**
   * Checks and applies one record given with the position and hashes a store keeps beside it.
   *
   * @return null when the record is sound and applied, else the failure
   */
  IntegrityFailure accept(long sequence, Hash storedPrevious, Hash storedHash, byte[] bytes) {
    long size = chain.size;
    if (sequence != size) {
      return new IntegrityFailure(
          size, IntegrityProblem.SEQUENCE_MISMATCH, "the store returned sequence " + sequence);
    }
    if (!storedPrevious.equals(chain.head)) {
      return new IntegrityFailure(
          size, IntegrityProblem.PREVIOUS_HASH_MISMATCH,
          "the store links it to " + storedPrevious + ", previous record hashes to " + chain.head);
    }
    IntegrityFailure f = accept(bytes);
    if (f == null && !storedHash.equals(chain.head)) {
      return new IntegrityFailure(
          size, IntegrityProblem.STORED_HASH_MISMATCH,
          "the store keeps hash " + storedHash + ", the record hashes to " + chain.head);
    }
    return f;
  }

  /**
   * Checks and applies the canonical bytes of the next record.
   *
   * @return null when the record is sound and applied, else the failure
   */
  IntegrityFailure accept(byte[] bytes) {
    ChainCheck.Link link = chain.check(bytes);
    if (link.failure() != null) {
      return link.failure();
    }
    IntegrityFailure f = applyBody(chain.size, bytes, chain.head);
    if (f == null) {
      chain.commit(link);
    }
    return f;
  }

  /**
   * The body half: decodes the record at {@code position} and replays it through the engine.
   *
   * @param previous the leaf hash of the record before (checked by the link half), which the
   *     decoded record shares instead of a copy; null when not known
   */
  IntegrityFailure applyBody(long position, byte[] bytes, Hash previous) {
    return plain.read(bytes, 0, bytes.length, 0)
        ? applyPlain(0, position, bytes, 0, bytes.length, previous)
        : applyDecoded(position, bytes, 0, bytes.length, previous);
  }

  /** Decodes the record at {@code b[offset, offset + length)} and replays it. */
  private IntegrityFailure applyDecoded(long position, byte[] b, int offset, int length, Hash previous) {
    LedgerRecord record;
    try {
      record = decode(b, offset, length, previous);
    } catch (MalformedRecordException e) {
      return new IntegrityFailure(position, IntegrityProblem.MALFORMED, e.getMessage());
    }
    return applyBody(record);
  }

  /**
   * Reads the record at {@code b[offset, offset + length)} for a caller that handles a batch
   * ahead ({@link #prefetch}, then {@link #applyAhead} for each): into slot {@code i} of the
   * plain transfers when it is one, returning null, else decoded.
   *
   * @param i the record's slot in the batch, below the {@code batch} this replayer was made for
   * @throws MalformedRecordException if the record does not decode
   */
  LedgerRecord decodeAhead(int i, byte[] b, int offset, int length) {
    return plain.read(b, offset, length, i) ? null : decode(b, offset, length, null);
  }

  /**
   * The body half for a record of a batch: {@code decoded} from {@link #decodeAhead}, or the
   * plain transfer in slot {@code i} when that is null, whose bytes {@code b[offset, offset +
   * length)} are decoded in full after all should it not apply as recorded.
   */
  IntegrityFailure applyAhead(LedgerRecord decoded, int i, long position, byte[] b, int offset, int length) {
    return decoded != null ? applyBody(decoded) : applyPlain(i, position, b, offset, length, null);
  }

  /**
   * Replays the plain transfer in slot {@code i}; when it does not apply as recorded (or comes
   * before the genesis), nothing has changed and the record replayed in full gives the verdict.
   */
  private IntegrityFailure applyPlain(int i, long position, byte[] b, int offset, int length, Hash previous) {
    if (state != null && state.replayPlain(plain, i)) {
      state.commit();
      return null;
    }
    return applyDecoded(position, b, offset, length, previous);
  }

  private LedgerRecord decode(byte[] b, int offset, int length, Hash previous) {
    return RecordCodec.decode(input.over(b, offset, offset + length, previous));
  }

  /** Warms the state for the records that follow: see {@link BranchState#prefetch}. */
  void prefetch(LedgerRecord[] records, int from, int to) {
    if (state != null) {
      state.prefetch(records, plain, from, to);
    }
  }

  /** The body half for a record already decoded (a pipeline decodes on the reading thread). */
  IntegrityFailure applyBody(LedgerRecord record) {
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
      state = new BranchState(g, expectedRecords);
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
      String notJournaled = state.whyNotJournaled(t.group());
      if (notJournaled != null) {
        return impossible(seq, "the engine journals no record for this group: " + notJournaled);
      }
      Optional<LedgerRecord.Rejection> outcome =
          Optional.ofNullable(state.replayTransfers(t.group(), seq, ts));
      if (!outcome.equals(t.rejection())) {
        return new IntegrityFailure(
            seq, IntegrityProblem.OUTCOME_MISMATCH,
            "records " + describe(t.rejection()) + ", replay gives " + describe(outcome));
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

  /**
   * The link half of the checks, on the fixed 50-byte header alone plus the record's leaf hash:
   * cheap enough to run ahead of the replay on another thread.
   */
  static final class ChainCheck {
    private HashAlgorithm.Hasher hasher;
    long size;
    Hash head = Hash.ZERO;
    long lastTimestamp = Long.MIN_VALUE;
    MerkleFrontier frontier;

    ChainCheck() {}

    ChainCheck(long size, Hash head, long lastTimestamp, MerkleFrontier frontier) {
      if (frontier.size() != size) {
        throw new IllegalArgumentException(
            "frontier of size " + frontier.size() + " does not cover " + size + " records");
      }
      this.hasher = frontier.algorithm().newHasher();
      this.size = size;
      this.head = head;
      this.lastTimestamp = lastTimestamp;
      this.frontier = frontier;
    }

    /** The outcome of checking one record's link: a failure, or what to commit. */
    record Link(IntegrityFailure failure, Hash hash, long timestamp) {}

    /** Checks the next record's link without moving forward. */
    Link check(byte[] bytes) {
      return check(bytes, 0, bytes.length);
    }

    /** As {@link #check(byte[])}, for the record at {@code b[offset, offset + length)}. */
    Link check(byte[] b, int offset, int length) {
      IntegrityFailure f = checkLink(b, offset, length);
      return f != null
          ? new Link(f, null, 0)
          : new Link(null, hasher.leafHash(b, offset, length), RecordCodec.u64(b, offset + 10));
    }

    void commit(Link link) {
      advance(link.hash(), link.timestamp());
    }

    /** Checks and commits; null when sound. */
    IntegrityFailure accept(byte[] bytes) {
      return accept(bytes, 0, bytes.length);
    }

    /**
     * As {@link #accept(byte[])}, for the record at {@code b[offset, offset + length)}; without
     * a {@link Link} per record, since the verifier calls it for every record it reads.
     */
    IntegrityFailure accept(byte[] b, int offset, int length) {
      IntegrityFailure f = checkLink(b, offset, length);
      if (f == null) {
        advance(hasher.leafHash(b, offset, length), RecordCodec.u64(b, offset + 10));
      }
      return f;
    }

    /**
     * As {@link #accept(byte[], int, int)}, but takes the leaf hash the store keeps for the
     * record as its hash instead of computing it: for a verifier that checks every stored hash
     * against the record on its own, on whichever thread has time (see {@link
     * JournalVerifier.Feed}). Until that check, the links and the tree are those of the stored
     * hashes.
     */
    IntegrityFailure acceptStored(byte[] b, int offset, int length, Hash stored) {
      IntegrityFailure f = checkLink(b, offset, length);
      if (f == null) {
        advance(stored, RecordCodec.u64(b, offset + 10));
      }
      return f;
    }

    /** {@return the algorithm of the journal's hashes, or null before its genesis record} */
    HashAlgorithm algorithm() {
      return frontier == null ? null : frontier.algorithm();
    }

    private void advance(Hash hash, long timestamp) {
      frontier.append(hash);
      head = hash;
      lastTimestamp = timestamp;
      size++;
    }

    /** What is wrong with the next record's link, or null when it is sound. */
    private IntegrityFailure checkLink(byte[] b, int offset, int length) {
      if (length < RecordCodec.HEADER_LENGTH) {
        return fail(IntegrityProblem.MALFORMED, "record ends early (" + length + " bytes)");
      }
      if ((b[offset] & 0xFF) != LedgerRecord.FORMAT_VERSION) {
        return fail(IntegrityProblem.MALFORMED, "unknown record format version " + (b[offset] & 0xFF));
      }
      long sequence = RecordCodec.u64(b, offset + 2);
      long timestamp = RecordCodec.u64(b, offset + 10);
      if (sequence != size) {
        return fail(IntegrityProblem.SEQUENCE_MISMATCH, "expected sequence " + size + ", found " + sequence);
      }
      if (!head.equalsAt(b, offset + 18)) {
        return fail(IntegrityProblem.PREVIOUS_HASH_MISMATCH,
            "links to " + Hash.of(b, offset + 18) + ", previous record hashes to " + head);
      }
      if (size > 0 && timestamp <= lastTimestamp) {
        return fail(IntegrityProblem.TIMESTAMP_NOT_INCREASING,
            "timestamp " + timestamp + " is not after " + lastTimestamp);
      }
      if (hasher == null) {
        // Record 0 names the hash algorithm of every record, itself included.
        try {
          LedgerRecord genesis = LedgerRecord.decode(Arrays.copyOfRange(b, offset, offset + length));
          if (!(genesis.body() instanceof LedgerRecord.Genesis g)) {
            return fail(IntegrityProblem.BAD_GENESIS, "record 0 is not a genesis record");
          }
          hasher = g.algorithm().newHasher();
          frontier = MerkleFrontier.empty(g.algorithm());
        } catch (MalformedRecordException e) {
          return fail(IntegrityProblem.MALFORMED, e.getMessage());
        }
      }
      return null;
    }

    private IntegrityFailure fail(IntegrityProblem problem, String detail) {
      return new IntegrityFailure(size, problem, detail);
    }

  }
}
