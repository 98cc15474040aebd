package org.moralbank.ledger.store;

import java.util.Objects;
import org.moralbank.ledger.Hash;

/**
 * The engine's derived state after the first {@code size} records, whose last record hashes to
 * {@code head}. The state bytes are the engine's own versioned encoding; a store keeps them
 * opaque. The engine trusts a snapshot only after checking {@code head} against the record at
 * {@code size - 1}.
 */
public record Snapshot(long size, Hash head, byte[] state) {
  /**
   * Checks that the snapshot covers at least the genesis record and that no field is null.
   *
   * @param size the records the state covers
   * @param head the leaf hash of record {@code size - 1}
   * @param state the engine's encoding of its state
   */
  public Snapshot {
    if (size < 1) {
      throw new IllegalArgumentException("a snapshot covers at least the genesis record: " + size);
    }
    Objects.requireNonNull(head, "head == null");
    Objects.requireNonNull(state, "state == null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s
        && s.size == size
        && s.head.equals(head)
        && java.util.Arrays.equals(s.state, state);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + head.hashCode();
  }

  @Override
  public String toString() {
    return "Snapshot[size=" + size + ", head=" + head + ", " + state.length + " bytes]";
  }
}
