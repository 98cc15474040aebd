package org.moralbank.ledger.store;

import java.util.Objects;
import org.moralbank.ledger.Hash;

/**
 * A record as a store keeps it: its canonical bytes with the position and the two hashes the
 * engine computed for them. Stores treat the bytes as opaque; they may use the hashes to enforce
 * the chain (the PostgreSQL store does), and the engine recomputes both when it replays.
 *
 * <p>The byte array is not copied, for speed: neither the engine nor a store changes it after the
 * record is made.
 */
public record JournalRecord(long sequence, Hash previousHash, Hash hash, byte[] bytes) {
  /**
   * Checks that the sequence is not negative and that no field is null.
   *
   * @param sequence the record's position
   * @param previousHash the leaf hash of the record before it
   * @param hash the record's leaf hash
   * @param bytes the record's canonical bytes, not copied
   */
  public JournalRecord {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    Objects.requireNonNull(previousHash, "previousHash == null");
    Objects.requireNonNull(hash, "hash == null");
    Objects.requireNonNull(bytes, "bytes == null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JournalRecord r
        && r.sequence == sequence
        && r.previousHash.equals(previousHash)
        && r.hash.equals(hash)
        && java.util.Arrays.equals(r.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + hash.hashCode();
  }

  @Override
  public String toString() {
    return "JournalRecord[sequence=" + sequence + ", hash=" + hash + ", " + bytes.length + " bytes]";
  }
}
