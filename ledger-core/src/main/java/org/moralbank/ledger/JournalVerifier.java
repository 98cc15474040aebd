package org.moralbank.ledger;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.store.JournalStore;

/**
 * Verifies a branch journal from its records alone: decoding, positions, the hash chain,
 * timestamps, and a full replay through the engine that must reproduce every recorded outcome.
 * Feed records in order with {@link #accept}; the first bad record stops the scan and is
 * reported by {@link #finish}. A trusted {@link Anchor} (from a signed checkpoint, or one an
 * auditor noted earlier) also catches a journal that was cut short or rewritten with recomputed
 * hashes, which no chain check alone can see.
 *
 * <p>Not thread-safe; shares no state with any running journal.
 */
public final class JournalVerifier {
  private final Replayer replayer;
  private Anchor anchor;
  private IntegrityFailure failure;

  /** A size and the leaf hash of the record at {@code size - 1} that the auditor trusts. */
  public record Anchor(long size, Hash head) {
    public Anchor {
      if (size < 1) {
        throw new IllegalArgumentException("an anchor covers at least one record: " + size);
      }
      Objects.requireNonNull(head, "head == null");
    }
  }

  /** The verdict: how many records were sound, the head they reach, and the first failure. */
  public record Report(long records, Hash head, Optional<IntegrityFailure> failure) {
    public boolean sound() {
      return failure.isEmpty();
    }
  }

  /** Accepts any bank and branch, as named by the journal's genesis record. */
  public JournalVerifier() {
    this.replayer = new Replayer(null);
  }

  /** Requires the journal to start with the genesis of {@code config}'s bank and branch. */
  public JournalVerifier(BranchConfig config) {
    this.replayer = new Replayer(config.genesis());
  }

  /**
   * Also requires the record at {@code anchor.size() - 1} to hash to {@code anchor.head()}, and
   * the journal to reach that size. Call before the first record.
   */
  public JournalVerifier anchoredAt(Anchor anchor) {
    this.anchor = Objects.requireNonNull(anchor, "anchor == null");
    return this;
  }

  /** Verifies the whole content of a store. */
  public static Report verify(JournalStore store, Optional<Anchor> anchor) throws IOException {
    JournalVerifier v = new JournalVerifier();
    anchor.ifPresent(v::anchoredAt);
    store.refresh();
    try {
      store.read(
          0,
          store.size(),
          r -> {
            if (!v.accept(r.sequence(), r.previousHash(), r.hash(), r.bytes())) {
              throw new Stop();
            }
          });
    } catch (Stop stop) {
      // the failure is recorded in v
    }
    return v.finish();
  }

  /** Checks and applies the next record's bytes; false once a record has failed. */
  public boolean accept(byte[] record) {
    Objects.requireNonNull(record, "record == null");
    if (failure == null) {
      failure = replayer.accept(record);
      checkAnchor();
    }
    return failure == null;
  }

  /** As {@link #accept(byte[])}, also checking the position and hashes a store keeps beside it. */
  public boolean accept(long sequence, Hash previousHash, Hash hash, byte[] record) {
    if (failure == null) {
      failure = replayer.accept(sequence, previousHash, hash, record);
      checkAnchor();
    }
    return failure == null;
  }

  /** Records verified so far. */
  public long size() {
    return replayer.size();
  }

  /** Leaf hash of the last sound record. */
  public Hash head() {
    return replayer.head();
  }

  private void checkAnchor() {
    if (failure == null && anchor != null && replayer.size() == anchor.size()
        && !replayer.head().equals(anchor.head())) {
      failure = new IntegrityFailure(
          anchor.size() - 1, IntegrityProblem.ANCHOR_MISMATCH,
          "record " + (anchor.size() - 1) + " hashes to " + replayer.head()
              + ", the trusted anchor says " + anchor.head());
    }
  }

  /** The verdict on the records accepted so far. */
  public Report finish() {
    IntegrityFailure f = failure;
    if (f == null && replayer.size() == 0) {
      f = new IntegrityFailure(0, IntegrityProblem.BAD_GENESIS, "the journal is empty");
    }
    if (f == null && anchor != null && replayer.size() < anchor.size()) {
      f = new IntegrityFailure(
          replayer.size(), IntegrityProblem.TRUNCATED,
          "the anchor covers " + anchor.size() + " records, the journal has " + replayer.size());
    }
    return new Report(replayer.size(), replayer.head(), Optional.ofNullable(f));
  }

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
