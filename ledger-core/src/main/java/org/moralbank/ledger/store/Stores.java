package org.moralbank.ledger.store;

import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.Hash;

/** Argument checks that every store makes the same way, so that all refuse the same batches. */
public final class Stores {
  private Stores() {}

  /**
   * Checks that {@code batch} continues a store of {@code size} records whose last hash is {@code
   * head}.
   *
   * @param batch the records to append
   * @param size the records the store holds
   * @param head the leaf hash of the store's last record, {@link Hash#ZERO} when it is empty
   * @throws IllegalArgumentException naming the first record that does not continue the chain
   */
  public static void checkBatch(List<JournalRecord> batch, long size, Hash head) {
    Objects.requireNonNull(batch, "batch == null");
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    long expected = size;
    Hash previous = head;
    for (JournalRecord r : batch) {
      Objects.requireNonNull(r, "record == null");
      if (r.sequence() != expected) {
        throw new IllegalArgumentException(
            "record " + r.sequence() + " does not continue the store at sequence " + expected);
      }
      if (!r.previousHash().equals(previous)) {
        throw new IllegalArgumentException(
            "record " + r.sequence() + " does not link to the hash of record " + (expected - 1));
      }
      previous = r.hash();
      expected++;
    }
  }

  /**
   * Checks a read's range, as every store must before it reads.
   *
   * @param from the first sequence, inclusive
   * @param to the last sequence, exclusive
   * @param size the records the store holds
   * @throws IllegalArgumentException if {@code [from, to)} is not within {@code [0, size]}
   */
  public static void checkRange(long from, long to, long size) {
    if (from < 0 || to < from || to > size) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") is not within [0, " + size + "]");
    }
  }
}
