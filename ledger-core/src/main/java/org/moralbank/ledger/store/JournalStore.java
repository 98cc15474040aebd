package org.moralbank.ledger.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.Hash;

/**
 * Where one branch journal's records live: the storage SPI. A branch's single writer appends
 * batches to it and replays from it; every implementation passes the same contract suite
 * ({@code JournalStoreContract} in the test jar).
 *
 * <p>The contract:
 *
 * <ul>
 *   <li>{@link #append} is all or nothing and durable when it returns: one batch is one write and
 *       one sync, so that a caller is told "done" only after its batch survives a crash.
 *   <li>Records are appended strictly in order: the first record of a batch has sequence {@link
 *       #size()} and previous hash {@link #head()}, and each following record continues the
 *       sequence and links to the hash of the one before. A store refuses anything else with
 *       {@link IllegalArgumentException} before writing anything.
 *   <li>A store shared by several writers (PostgreSQL) throws {@link AppendConflictException}
 *       when another writer appended first; the engine catches up and retries.
 *   <li>After a failed append (other than a conflict) a store may refuse further appends: the
 *       engine stops the journal, as PostgreSQL stops after a failed fsync, and reopening
 *       recovers.
 * </ul>
 */
public interface JournalStore extends Closeable {

  /** {@return the number of records durably stored (this writer's view)} */
  long size();

  /**
   * {@return the leaf hash of the last stored record, or {@link Hash#ZERO} when the store is empty}
   */
  Hash head();

  /**
   * Appends a batch durably, or not at all.
   *
   * @param batch the records, continuing the stored chain
   * @throws IOException if the batch was not stored; a conflict with another writer is an {@link
   *     AppendConflictException}
   */
  void append(List<JournalRecord> batch) throws IOException;

  /**
   * Calls {@code consumer} with records {@code from} (inclusive) to {@code to} (exclusive) in
   * sequence order.
   *
   * @param from the first sequence, inclusive
   * @param to the last sequence, exclusive
   * @param consumer receives each record; what it throws stops the read and reaches the caller
   * @throws IllegalArgumentException if the range is not within {@code [0, size()]}
   * @throws IOException if the records cannot be read
   */
  void read(long from, long to, RecordConsumer consumer) throws IOException;

  /**
   * Brings {@link #size()} and {@link #head()} up to date with records other writers appended;
   * stores with a single writer return at once.
   *
   * @throws IOException if the store cannot be read
   */
  default void refresh() throws IOException {}

  /**
   * Whether this store has exactly one writer, so that an append never meets another writer's
   * records ({@link AppendConflictException}). A journal over such a store decides its next batch
   * while the last one is being made durable; over a shared store it waits, because a conflict
   * undoes the whole batch. The default, false, is always safe.
   *
   * @return true for a store with one writer
   */
  default boolean exclusive() {
    return false;
  }

  /**
   * Keeps {@code snapshot}, replacing an older one.
   *
   * @param snapshot the snapshot
   * @throws IOException if the snapshot was not kept; the journal is still whole without it
   */
  void saveSnapshot(Snapshot snapshot) throws IOException;

  /**
   * {@return the newest snapshot kept, if any}
   *
   * @throws IOException if the store cannot be read
   */
  Optional<Snapshot> latestSnapshot() throws IOException;

  /** Receives records in order; may throw to stop a read. */
  @FunctionalInterface
  interface RecordConsumer {
    /**
     * Receives the next record.
     *
     * @param record the record
     * @throws IOException to stop the read
     */
    void accept(JournalRecord record) throws IOException;
  }
}
