package org.moralbank.ledger.proof;

import java.util.List;
import org.moralbank.ledger.Hash;

/**
 * An RFC 9162 consistency proof (section 2.1.4): the hashes that show the tree of {@code size2}
 * leaves extends the tree of {@code size1} leaves by appending only. Empty when the sizes are
 * equal.
 *
 * <p>As for {@link InclusionProof}, the constructor checks only the shape.
 */
public record ConsistencyProof(long size1, long size2, List<Hash> path) {
  /**
   * Checks the shape only and copies the path.
   *
   * @param size1 the size of the older tree
   * @param size2 the size of the newer tree
   * @param path the proof's hashes
   */
  public ConsistencyProof {
    if (size1 < 0) {
      throw new IllegalArgumentException("size1 must not be negative: " + size1);
    }
    if (size2 < 0) {
      throw new IllegalArgumentException("size2 must not be negative: " + size2);
    }
    path = List.copyOf(path);
  }
}
