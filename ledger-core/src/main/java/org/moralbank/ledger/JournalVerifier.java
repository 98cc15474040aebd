package org.moralbank.ledger;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.moralbank.ledger.proof.TreeHead;
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

  /**
   * What the auditor trusts about the journal at {@code size} records: the leaf hash of record
   * {@code size - 1} (noted at an earlier audit), the Merkle root (from a signed checkpoint), or
   * both.
   */
  public record Anchor(long size, Optional<Hash> head, Optional<Hash> root) {
    /**
     * Checks that the anchor covers at least one record and names a head, a root or both.
     *
     * @param size the records the anchor covers
     * @param head the leaf hash of record {@code size - 1}, if trusted
     * @param root the Merkle root of the first {@code size} records, if trusted
     */
    public Anchor {
      if (size < 1) {
        throw new IllegalArgumentException("an anchor covers at least one record: " + size);
      }
      Objects.requireNonNull(head, "head == null");
      Objects.requireNonNull(root, "root == null");
      if (head.isEmpty() && root.isEmpty()) {
        throw new IllegalArgumentException("an anchor names a head, a root or both");
      }
    }

    /**
     * The record at {@code size - 1} hashes to {@code head}.
     *
     * @param size the records the anchor covers
     * @param head the leaf hash of record {@code size - 1}
     */
    public Anchor(long size, Hash head) {
      this(size, Optional.of(head), Optional.empty());
    }

    /**
     * The Merkle tree of the first {@code size} records has this root, as a checkpoint says.
     *
     * @param tree the tree head a signed checkpoint commits to
     * @return the anchor on that root
     */
    public static Anchor ofRoot(TreeHead tree) {
      return new Anchor(tree.size(), Optional.empty(), Optional.of(tree.root()));
    }
  }

  /**
   * The verdict: how many records were sound, the head they reach, the Merkle tree head over them
   * (present when the whole journal is sound), and the first failure.
   */
  public record Report(
      long records, Hash head, Optional<TreeHead> tree, Optional<IntegrityFailure> failure) {
    /** {@return whether every record verified} */
    public boolean sound() {
      return failure.isEmpty();
    }
  }

  /** Accepts any bank and branch, as named by the journal's genesis record. */
  public JournalVerifier() {
    this.replayer = new Replayer(null);
  }

  /**
   * Requires the journal to start with the genesis of {@code config}'s bank and branch.
   *
   * @param config the branch whose genesis the journal must start with
   */
  public JournalVerifier(BranchConfig config) {
    this.replayer = new Replayer(config.genesis());
  }

  /**
   * Also requires the record at {@code anchor.size() - 1} to hash to {@code anchor.head()}, and
   * the journal to reach that size. Call before the first record.
   *
   * @param anchor what the auditor trusts
   * @return this verifier
   */
  public JournalVerifier anchoredAt(Anchor anchor) {
    this.anchor = Objects.requireNonNull(anchor, "anchor == null");
    return this;
  }

  /**
   * Verifies the whole content of a store, on two threads ({@link #feed}): the caller reads
   * records, checks the chain (positions, links, timestamps, leaf hashes) and builds the Merkle
   * tree, while a second thread decodes and replays the bodies. The verdict is the same as
   * feeding every record to {@link #accept}.
   *
   * @param store the store to verify, read from its first record
   * @param anchor the trusted anchor, if any
   * @return the verdict
   * @throws IOException if the store cannot be read (a durable store names the damaged file)
   */
  public static Report verify(JournalStore store, Optional<Anchor> anchor) throws IOException {
    Objects.requireNonNull(store, "store == null");
    Objects.requireNonNull(anchor, "anchor == null");
    store.refresh();
    try (Feed feed = feed(anchor, store.size())) {
      try {
        store.read(0, store.size(), r -> {
          if (!feed.accept(r.sequence(), r.previousHash(), r.hash(), r.bytes())) {
            throw new Stop();
          }
        });
      } catch (Stop stop) {
        // a failure is recorded
      }
      return feed.finish();
    }
  }

  /**
   * Starts a verification that the caller feeds record by record, in order, from one thread:
   * that thread checks the chain (positions, links, timestamps, leaf hashes) and builds the
   * Merkle tree, while a second thread decodes and replays the bodies. This is how {@link
   * #verify(JournalStore, Optional)} reads a store, and how a reader that scans a journal's files
   * once (an audit) verifies straight from its read buffer.
   *
   * <p>The verdict, from {@link Feed#finish}, is the same as feeding every record to {@link
   * #accept}. Close the feed to stop its thread when giving up before {@code finish}.
   *
   * @param anchor the trusted anchor, if any
   * @param expectedRecords about how many records will come, to size the replay's state (0 if
   *     not known)
   * @return the feed, its replay thread started
   */
  public static Feed feed(Optional<Anchor> anchor, long expectedRecords) {
    Objects.requireNonNull(anchor, "anchor == null");
    return new Feed(anchor.orElse(null), Math.max(0, expectedRecords));
  }

  /**
   * Checks and applies the next record's bytes.
   *
   * @param record the record's canonical bytes
   * @return false once a record has failed
   */
  public boolean accept(byte[] record) {
    Objects.requireNonNull(record, "record == null");
    if (failure == null) {
      failure = replayer.accept(record);
      checkAnchor();
    }
    return failure == null;
  }

  /**
   * As {@link #accept(byte[])}, also checking the position and hashes a store keeps beside it.
   *
   * @param sequence the position the store gives the record
   * @param previousHash the hash the store links the record to
   * @param hash the leaf hash the store keeps for the record
   * @param record the record's canonical bytes
   * @return false once a record has failed
   */
  public boolean accept(long sequence, Hash previousHash, Hash hash, byte[] record) {
    if (failure == null) {
      failure = replayer.accept(sequence, previousHash, hash, record);
      checkAnchor();
    }
    return failure == null;
  }

  /** {@return the number of records verified so far} */
  public long size() {
    return replayer.size();
  }

  /** {@return the leaf hash of the last sound record} */
  public Hash head() {
    return replayer.head();
  }

  private void checkAnchor() {
    if (failure == null && anchor != null && replayer.size() == anchor.size()) {
      failure = anchorFailure(anchor, replayer.head(), replayer.frontier().root());
    }
  }

  /** Null when the journal at the anchor's size matches it. */
  static IntegrityFailure anchorFailure(Anchor anchor, Hash head, Hash root) {
    long last = anchor.size() - 1;
    if (anchor.head().isPresent() && !anchor.head().get().equals(head)) {
      return new IntegrityFailure(last, IntegrityProblem.ANCHOR_MISMATCH,
          "record " + last + " hashes to " + head + ", the trusted anchor says " + anchor.head().get());
    }
    if (anchor.root().isPresent() && !anchor.root().get().equals(root)) {
      return new IntegrityFailure(last, IntegrityProblem.ANCHOR_MISMATCH,
          "the Merkle root of " + anchor.size() + " records is " + root + ", the trusted checkpoint says "
              + anchor.root().get());
    }
    return null;
  }

  /** {@return the verdict on the records accepted so far} */
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
    Optional<TreeHead> tree = f == null ? Optional.of(replayer.frontier().head()) : Optional.empty();
    return new Report(replayer.size(), replayer.head(), tree, Optional.ofNullable(f));
  }

  /**
   * A verification fed one record at a time from one thread, replayed on another; see {@link
   * #feed}. Not thread-safe: one thread feeds, then finishes or closes.
   */
  public static final class Feed implements AutoCloseable {
    private static final int BATCH = 4096;
    /**
     * Records whose table slots are warmed together. Small enough that the address translations
     * of the slots warmed are still cached when the records are applied: on this VM, warming a
     * whole batch of 4096 ran at 1.23–1.33M records/s, 512 at a time at 1.44M.
     */
    private static final int WARM = 512;
    /**
     * Batches in circulation: enough to ride out either thread's stalls. They are reused, so the
     * feeding thread copies records into buffers the replay thread has already seen rather than
     * into new memory.
     */
    private static final int BATCHES = 6;
    private static final Batch END = new Batch();

    private final Anchor anchor;
    /**
     * The feeding thread checks links, hashes the leaves and builds the Merkle tree; the replay
     * thread decodes and applies. The bodies cross between the threads as bytes (copied into one
     * buffer per batch when they come in a reused buffer): read in order, which costs less than
     * chasing the objects of records decoded on the other core (measured: docs/performance.md).
     */
    private final Replayer.ChainCheck chain = new Replayer.ChainCheck();
    private final Replayer bodies;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread replay;
    private volatile boolean bodyFailed;
    private IntegrityFailure chainFailure;
    private boolean stopped;
    private Report verdict;
    private Batch current;
    // Written by the replay thread, read after joining it.
    private IntegrityFailure bodyFailure;
    private Throwable crash;
    private long bodiesApplied;
    private Hash bodyHead = Hash.ZERO;
    private final LedgerRecord[] decoded = new LedgerRecord[BATCH];

    private Feed(Anchor anchor, long expectedRecords) {
      this.anchor = anchor;
      this.bodies = new Replayer(null).expecting(expectedRecords);
      for (int i = 0; i < BATCHES; i++) {
        free.add(new Batch());
      }
      this.current = free.remove();
      current.reset(0);
      this.replay = new Thread(this::replay, "moralbank-verify-replay");
      replay.setDaemon(true);
      replay.start();
    }

    /**
     * Records {@code [start, start + count)}, with the leaf hashes the chain check computed:
     * record {@code i} is {@code arrays[i][offsets[i], offsets[i] + lengths[i])}, either a
     * store's own array (kept, not copied: a store's records do not change) or this batch's
     * buffer, into which a record from a reused buffer is copied.
     */
    private static final class Batch {
      long start;
      int count;
      /** Allocated at the first copy: a store's records need none. */
      private byte[] data = new byte[0];
      private int used;
      final byte[][] arrays = new byte[BATCH][];
      final int[] offsets = new int[BATCH];
      final int[] lengths = new int[BATCH];
      final Hash[] hashes = new Hash[BATCH];

      void reset(long first) {
        start = first;
        count = 0;
        used = 0;
      }

      void add(byte[] b, int offset, int length, boolean copy, Hash hash) {
        if (copy) {
          if (data.length - used < length) {
            // Records already added keep the old array, which still holds their bytes.
            data = new byte[Math.max(Math.max(2 * data.length, 1 << 20), length)];
            used = 0;
          }
          System.arraycopy(b, offset, data, used, length);
          arrays[count] = data;
          offsets[count] = used;
          used += length;
        } else {
          arrays[count] = b;
          offsets[count] = offset;
        }
        lengths[count] = length;
        hashes[count] = hash;
        count++;
      }
    }

    /**
     * The next record, with the position and hashes its store keeps beside it.
     *
     * @param sequence the position the store gives the record
     * @param storedPrevious the hash the store links the record to
     * @param storedHash the leaf hash the store keeps for the record
     * @param record the record's canonical bytes
     * @return false once a record has failed: feed no more, call {@link #finish}
     */
    public boolean accept(long sequence, Hash storedPrevious, Hash storedHash, byte[] record) {
      if (stopped) {
        return false;
      }
      if (sequence == chain.size && !storedPrevious.equals(chain.head)) {
        chainFailure = new IntegrityFailure(
            chain.size, IntegrityProblem.PREVIOUS_HASH_MISMATCH,
            "the store links it to " + storedPrevious + ", previous record hashes to " + chain.head);
        return stop();
      }
      return check(sequence, record, 0, record.length, false, storedHash, null, 0);
    }

    /**
     * The next record, inside a buffer the caller reuses: its canonical bytes are {@code
     * buffer[offset, offset + length)} and the leaf hash its store keeps for it the {@value
     * Hash#LENGTH} bytes at {@code storedHashAt}. Nothing of the buffer is kept after the call.
     * For a store that has itself checked that every record's stored previous hash is the
     * stored hash of the record before (the first linking to zero), as a file journal's scan
     * does: that link is not checked again here.
     *
     * @param sequence the position the store gives the record
     * @param buffer the buffer holding the record and its stored hash
     * @param offset where the record starts
     * @param length the record's length
     * @param storedHashAt where the stored leaf hash starts
     * @return false once a record has failed: feed no more, call {@link #finish}
     * @throws IndexOutOfBoundsException if the record or the hash is not inside {@code buffer}
     */
    public boolean accept(long sequence, byte[] buffer, int offset, int length, int storedHashAt) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      Objects.checkFromIndexSize(storedHashAt, Hash.LENGTH, buffer.length);
      return !stopped && check(sequence, buffer, offset, length, true, null, buffer, storedHashAt);
    }

    /**
     * Checks the link, hands the record on (a copy if {@code copy}); the stored hash is an
     * object or in {@code hashIn}.
     */
    private boolean check(long sequence, byte[] b, int offset, int length, boolean copy,
        Hash storedHash, byte[] hashIn, int hashAt) {
      long size = chain.size;
      if (bodyFailed) {
        return stop();
      }
      if (sequence != size) {
        chainFailure = new IntegrityFailure(
            size, IntegrityProblem.SEQUENCE_MISMATCH, "the store returned sequence " + sequence);
        return stop();
      }
      chainFailure = chain.accept(b, offset, length);
      if (chainFailure == null
          && !(storedHash != null ? storedHash.equals(chain.head) : chain.head.equalsAt(hashIn, hashAt))) {
        chainFailure = new IntegrityFailure(
            size, IntegrityProblem.STORED_HASH_MISMATCH,
            "the store keeps hash " + (storedHash != null ? storedHash : Hash.of(hashIn, hashAt))
                + ", the record hashes to " + chain.head);
      }
      if (chainFailure != null) {
        return stop();
      }
      current.add(b, offset, length, copy, chain.head);
      if (current.count == BATCH) {
        put(full, current);
        current = takeFree();
        current.reset(chain.size);
      }
      if (anchor != null && chain.size == anchor.size()) {
        // Handed to the replay first: a body failure at this record still comes first.
        chainFailure = anchorFailure(anchor, chain.head, chain.frontier.root());
        if (chainFailure != null) {
          return stop();
        }
      }
      return true;
    }

    private boolean stop() {
      stopped = true;
      return false;
    }

    /**
     * Waits for the replay and gives the verdict on the records fed.
     *
     * @return the verdict, the same on every call
     * @throws IllegalStateException if the replay failed with an unexpected exception
     */
    public Report finish() {
      if (verdict == null) {
        stopped = true;
        join();
        if (crash instanceof Error e) {
          throw e;
        }
        if (crash != null) {
          throw new IllegalStateException("the replay failed", crash);
        }
        verdict = verdict();
      }
      return verdict;
    }

    /** Stops the replay thread, if {@link #finish} has not. */
    @Override
    public void close() {
      stopped = true;
      bodyFailed = true;
      join();
    }

    private void join() {
      if (current != null) {
        put(full, current);
        put(full, END);
        current = null;
      }
      boolean interrupted = false;
      while (replay.isAlive()) {
        try {
          replay.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Neither thread may give up waiting: the replay must see every batch and the end, the
     * feeder must get a free batch back. Only these two threads use the queues, so an interrupt
     * is kept for later instead.
     */
    private static void put(BlockingQueue<Batch> queue, Batch b) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(b);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * A batch the replay thread has finished with. Should that thread ever die outside the
     * guarded apply (an error while waiting), none would come back: fail rather than wait.
     */
    private Batch takeFree() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            Batch b = free.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
              return b;
            }
            if (!replay.isAlive()) {
              throw new IllegalStateException("the replay thread ended unexpectedly", crash);
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static Batch take(BlockingQueue<Batch> queue) {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return queue.take();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void replay() {
      for (Batch b = take(full); b != END; b = take(full)) {
        // bodyFailed is also how close() asks the replay to stop: the rest is only drained.
        if (bodyFailure == null && crash == null && !bodyFailed) {
          try {
            apply(b);
          } catch (RuntimeException | Error e) {
            // Kept for the feeding thread; this one goes on draining so that it never blocks.
            crash = e;
            bodyFailed = true;
          }
        }
        put(free, b);
      }
    }

    private void apply(Batch b) {
      // A run of WARM records at a time: decode it, warm the state for it, then apply it. The
      // lookups of random transfer ids then overlap their cache misses instead of taking them
      // one at a time, and the run's new objects are still in the cache when they are applied.
      for (int from = 0; from < b.count && bodyFailure == null; from += WARM) {
        int to = Math.min(b.count, from + WARM);
        int sound = from;
        IntegrityFailure malformed = null;
        for (; sound < to; sound++) {
          try {
            decoded[sound] = bodies.decode(b.arrays[sound], b.offsets[sound], b.lengths[sound],
                sound == 0 ? bodyHead : b.hashes[sound - 1]);
          } catch (MalformedRecordException e) {
            malformed = new IntegrityFailure(b.start + sound, IntegrityProblem.MALFORMED, e.getMessage());
            break;
          }
        }
        bodies.prefetch(decoded, from, sound);
        for (int i = from; i < to && bodyFailure == null; i++) {
          bodyFailure = i < sound ? bodies.applyBody(decoded[i]) : malformed;
          if (bodyFailure == null) {
            bodiesApplied = b.start + i + 1;
            bodyHead = b.hashes[i];
          } else {
            bodyFailed = true;
          }
        }
      }
    }

    private Report verdict() {
      // The chain check runs ahead, and the replay only ever sees records whose link is sound: a
      // body failure is at an earlier record than any chain failure, or at the anchor's last
      // record, which the chain check passed before comparing the anchor; either way it comes
      // first.
      IntegrityFailure f = chainFailure;
      if (bodyFailure != null && (f == null || bodyFailure.sequence() <= f.sequence())) {
        f = bodyFailure;
      }
      if (f == null && bodiesApplied == 0) {
        f = new IntegrityFailure(0, IntegrityProblem.BAD_GENESIS, "the journal is empty");
      }
      if (f == null && anchor != null && bodiesApplied < anchor.size()) {
        f = new IntegrityFailure(
            bodiesApplied, IntegrityProblem.TRUNCATED,
            "the anchor covers " + anchor.size() + " records, the journal has " + bodiesApplied);
      }
      // When nothing failed, the replay saw every record the chain check passed.
      Optional<TreeHead> head = f == null ? Optional.of(chain.frontier.head()) : Optional.empty();
      return new Report(bodiesApplied, bodyHead, head, Optional.ofNullable(f));
    }
  }

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
