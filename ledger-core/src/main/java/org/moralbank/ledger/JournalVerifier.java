package org.moralbank.ledger;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
   * records, checks the chain (positions, links, timestamps) and builds the Merkle tree, while a
   * second thread replays the bodies, and the two share the check of every stored leaf hash.
   * The verdict is the same as feeding every record to {@link #accept}.
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
   * that thread checks the chain (positions, links, timestamps) and builds the Merkle tree,
   * while a second thread replays the bodies, and whichever has time checks the leaf hashes the
   * store keeps (see {@link Feed}). This is how {@link
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
   *
   * <p>The work comes in three parts: the feeding thread checks each record's link and builds
   * the Merkle tree over the leaf hashes the store keeps; the replay thread decodes and applies
   * the bodies; and every stored leaf hash is checked against the record's bytes. That last part
   * needs no order, so it is split into chunks that either thread takes: the replay thread after
   * replaying a batch, the feeding thread only while it waits for a free batch and after the
   * last record. Whichever
   * thread has time hashes, so neither waits for the other while there is hashing left (on a
   * machine of two cores, the difference between one thread's work and half of all of it).
   * The verdict is the sequential verifier's ({@link JournalVerifier#accept(long, Hash, Hash, byte[])}).
   */
  public static final class Feed implements AutoCloseable {
    private static final int BATCH = 4096;
    /**
     * Records whose table slots are warmed together. Small enough that the address translations
     * of the slots warmed are still cached when the records are applied: on this VM, warming a
     * whole batch of 4096 ran at 1.23–1.33M records/s, 512 at a time at 1.44M.
     */
    private static final int WARM = 512;
    /** Records whose leaf hashes one thread checks at a time. */
    private static final int CHUNK = 256;
    /**
     * Batches in circulation: enough to ride out either thread's stalls. They are reused, so the
     * feeding thread copies records into buffers the replay thread has already seen rather than
     * into new memory.
     */
    private static final int BATCHES = 6;
    private static final Batch END = new Batch();

    private final Anchor anchor;
    /**
     * The feeding thread checks links and builds the Merkle tree; the replay thread decodes and
     * applies. The bodies cross between the threads as bytes (copied into one buffer per batch
     * when they come in a reused buffer): read in order, which costs less than chasing the
     * objects of records decoded on the other core (measured: docs/performance.md).
     */
    private final Replayer.ChainCheck chain = new Replayer.ChainCheck();
    private final Replayer bodies;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    /** Batches handed to the replay whose hashing the feeding thread may still help with. */
    private final ArrayDeque<Batch> handed = new ArrayDeque<>();
    private final Thread replay;
    private volatile boolean bodyFailed;
    private IntegrityFailure chainFailure;
    private boolean stopped;
    /** Closed before {@link #finish}: the replay was abandoned, and there is no verdict. */
    private boolean closed;
    private Report verdict;
    private Batch current;
    private HashAlgorithm.Hasher feederHasher;
    // Written by the replay thread, read after joining it.
    private IntegrityFailure bodyFailure;
    private IntegrityFailure hashFailure;
    private Throwable crash;
    private long bodiesApplied;
    private Hash bodyHead = Hash.ZERO;
    private HashAlgorithm.Hasher replayHasher;
    private final LedgerRecord[] decoded = new LedgerRecord[BATCH];

    private Feed(Anchor anchor, long expectedRecords) {
      this.anchor = anchor;
      this.bodies = new Replayer(null, BATCH).expecting(expectedRecords);
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
     * Records {@code [start, start + count)}, with the leaf hashes their store keeps: record
     * {@code i} is {@code arrays[i][offsets[i], offsets[i] + lengths[i])}, either a store's own
     * array (kept, not copied: a store's records do not change) or this batch's buffer, into
     * which a record from a reused buffer is copied; its stored hash is {@code stored[32 i, 32 i
     * + 32)}.
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
      final byte[] stored = new byte[BATCH * Hash.LENGTH];
      /** The hash algorithm of the journal, once its genesis record is known. */
      HashAlgorithm algorithm;
      /** Where the next chunk of leaf hashes to check starts: either thread claims it. */
      final AtomicInteger claimed = new AtomicInteger();
      /** How many records' leaf hashes are checked (or given up on, when draining). */
      final AtomicInteger hashed = new AtomicInteger();
      /** The first record whose stored leaf hash is wrong, or {@link Integer#MAX_VALUE}. */
      final AtomicInteger wrong = new AtomicInteger();

      void reset(long first) {
        start = first;
        count = 0;
        used = 0;
        claimed.set(0);
        hashed.set(0);
        wrong.set(Integer.MAX_VALUE);
      }

      void add(byte[] b, int offset, int length, boolean copy, Hash storedHash) {
        storedHash.copyTo(stored, count * Hash.LENGTH);
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
        count++;
      }

      /**
       * Checks the leaf hashes of the next chunk not yet claimed.
       *
       * @return false if every chunk was claimed already
       */
      boolean hashChunk(HashAlgorithm.Hasher hasher) {
        int from = claimed.getAndAdd(CHUNK);
        if (from >= count) {
          return false;
        }
        int to = Math.min(count, from + CHUNK);
        try {
          for (int i = from; i < to; i++) {
            if (!hasher.leafHashEquals(arrays[i], offsets[i], lengths[i], stored, i * Hash.LENGTH)) {
              wrong.accumulateAndGet(i, Math::min);
              break;
            }
          }
        } finally {
          // Counted even if the digest threw, so that the other thread never waits for it.
          hashed.addAndGet(to - from);
        }
        return true;
      }

      /** Claims every chunk left without checking it: the batch is only drained. */
      void skipHashing() {
        int from = claimed.getAndAdd(BATCH);
        if (from < count) {
          hashed.addAndGet(count - from);
        }
      }

      /**
       * Waits until the chunks the other thread claimed are checked too: a chunk takes tens of
       * microseconds, so spin, then yield the core in case that thread is waiting for it.
       */
      void awaitHashed() {
        for (int spins = 0; hashed.get() < count; spins++) {
          if (spins < 1000) {
            Thread.onSpinWait();
          } else {
            Thread.yield();
          }
        }
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
     * Checks the link and hands the record on (a copy if {@code copy}) with its stored hash,
     * which is an object or in {@code hashIn}; the chain goes on from the stored hash, which the
     * hashing checks later.
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
      Hash stored = storedHash != null ? storedHash : Hash.of(hashIn, hashAt);
      chainFailure = chain.acceptStored(b, offset, length, stored);
      if (chainFailure != null) {
        return stop();
      }
      current.add(b, offset, length, copy, stored);
      if (current.count == BATCH) {
        hand(current);
        // Null while waiting: should takeFree throw, closing must not hand this batch again.
        current = null;
        current = takeFree();
        current.reset(chain.size);
      }
      if (anchor != null && chain.size == anchor.size()) {
        // Handed to the replay first: a body failure at this record still comes first, and so
        // does a stored hash that the record does not hash to (found later, by the hashing).
        chainFailure = anchorFailure(anchor, chain.head, chain.frontier.root());
        if (chainFailure != null) {
          return stop();
        }
      }
      return true;
    }

    private void hand(Batch b) {
      b.algorithm = chain.algorithm();
      put(full, b);
      handed.add(b);
    }

    private boolean stop() {
      stopped = true;
      return false;
    }

    /**
     * Waits for the replay and gives the verdict on the records fed.
     *
     * @return the verdict, the same on every call
     * @throws IllegalStateException if the replay failed with an unexpected exception, or if
     *     the feed was closed first (its replay was abandoned: there is no verdict)
     */
    public Report finish() {
      if (verdict == null) {
        if (closed) {
          throw new IllegalStateException("the feed was closed before its verdict");
        }
        stopped = true;
        join(true);
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
      closed = verdict == null;
      stopped = true;
      bodyFailed = true;
      join(false);
    }

    private void join(boolean help) {
      if (current != null) {
        hand(current);
        put(full, END);
        current = null;
        // The replay still has every handed batch to apply: hash what it has not reached.
        while (help && helpHash()) {
          // one chunk at a time
        }
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
     * Checks one chunk of leaf hashes of the oldest handed batch that has any left: the feeding
     * thread's work while it waits.
     *
     * @return false if no handed batch has a chunk left
     */
    private boolean helpHash() {
      for (Batch b : handed) {
        if (b.algorithm != null) {
          if (feederHasher == null) {
            feederHasher = b.algorithm.newHasher();
          }
          if (b.hashChunk(feederHasher)) {
            return true;
          }
        }
      }
      return false;
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
     * A batch the replay thread has finished with, checking leaf hashes while there is none.
     * Should that thread ever die outside the guarded apply (an error while waiting), none would
     * come back: fail rather than wait.
     */
    private Batch takeFree() {
      boolean interrupted = false;
      try {
        while (true) {
          Batch b = free.poll();
          if (b == null && !helpHash()) {
            try {
              b = free.poll(1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              interrupted = true;
            }
            if (b == null && !replay.isAlive()) {
              throw new IllegalStateException("the replay thread ended unexpectedly", crash);
            }
          }
          if (b != null) {
            // Every chunk of a batch that comes back was claimed: the feeder has no more to do.
            handed.remove(b);
            return b;
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
        if (bodyFailure == null && hashFailure == null && crash == null && !bodyFailed) {
          try {
            apply(b);
            hashRest(b);
            checkHashes(b);
          } catch (RuntimeException | Error e) {
            // Kept for the feeding thread; this one goes on draining so that it never blocks.
            crash = e;
            bodyFailed = true;
          }
        }
        // The feeder may still be checking a chunk it claimed: the batch is not free before that.
        b.skipHashing();
        b.awaitHashed();
        put(free, b);
      }
    }

    private void apply(Batch b) {
      // A run of WARM records at a time: decode it, warm the state for it, then apply it. The
      // lookups of random transfer ids then overlap their cache misses instead of taking them
      // one at a time, and the run's new objects are still in the cache when they are applied.
      int applied = 0;
      for (int from = 0; from < b.count && bodyFailure == null; from += WARM) {
        int to = Math.min(b.count, from + WARM);
        int sound = from;
        IntegrityFailure malformed = null;
        for (; sound < to; sound++) {
          try {
            decoded[sound] = bodies.decodeAhead(sound, b.arrays[sound], b.offsets[sound], b.lengths[sound]);
          } catch (MalformedRecordException e) {
            malformed = new IntegrityFailure(b.start + sound, IntegrityProblem.MALFORMED, e.getMessage());
            break;
          }
        }
        bodies.prefetch(decoded, from, sound);
        for (int i = from; i < to && bodyFailure == null; i++) {
          bodyFailure = i < sound
              ? bodies.applyAhead(decoded[i], i, b.start + i, b.arrays[i], b.offsets[i], b.lengths[i])
              : malformed;
          if (bodyFailure == null) {
            applied = i + 1;
          } else {
            bodyFailed = true;
          }
        }
      }
      if (applied > 0) {
        bodiesApplied = b.start + applied;
        bodyHead = Hash.of(b.stored, (applied - 1) * Hash.LENGTH);
      }
    }

    /** Checks the leaf hashes of {@code b} that the feeder has not claimed. */
    private void hashRest(Batch b) {
      if (b.algorithm == null) {
        return;
      }
      if (replayHasher == null) {
        replayHasher = b.algorithm.newHasher();
      }
      while (b.hashChunk(replayHasher)) {
        // one chunk at a time
      }
    }

    /**
     * Fails the first record of {@code b} whose stored leaf hash is wrong, unless a body failure
     * came at or before it; as in the sequential verifier, that record itself counts as
     * verified (its bytes are sound, only the hash kept beside them is not), the records after
     * it do not.
     */
    private void checkHashes(Batch b) {
      b.awaitHashed();
      int w = b.wrong.get();
      if (w == Integer.MAX_VALUE || (bodyFailure != null && bodyFailure.sequence() <= b.start + w)) {
        return;
      }
      Hash computed = replayHasher.leafHash(b.arrays[w], b.offsets[w], b.lengths[w]);
      hashFailure = new IntegrityFailure(
          b.start + w, IntegrityProblem.STORED_HASH_MISMATCH,
          "the store keeps hash " + Hash.of(b.stored, w * Hash.LENGTH) + ", the record hashes to " + computed);
      bodiesApplied = b.start + w + 1;
      bodyHead = computed;
      bodyFailed = true;
    }

    private Report verdict() {
      // The earliest record wins, and at one record the order of the sequential verifier: the
      // link, then the body, then the stored hash, then the anchor. The replay only ever sees
      // records whose link is sound, so a body or hash failure is at an earlier record than any
      // link failure, or at the anchor's last record, which the link check passed before
      // comparing the anchor.
      IntegrityFailure f = chainFailure;
      if (hashFailure != null && (f == null || hashFailure.sequence() <= f.sequence())) {
        f = hashFailure;
      }
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
