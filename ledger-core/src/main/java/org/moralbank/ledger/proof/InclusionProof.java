package org.moralbank.ledger.proof;

import java.util.List;
import org.moralbank.ledger.Hash;

/**
 * An RFC 9162 inclusion proof (section 2.1.3): the hashes that lead from leaf {@code leafIndex}
 * to the root of the tree of {@code treeSize} leaves, the leaf's sibling first.
 *
 * <p>The constructor only checks the shape (non-negative numbers, no null hash); whether the
 * numbers fit together is the verifier's business, so that a forged proof reaches {@link
 * ProofVerifier} and gets its specific verdict.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
  /**
   * Checks the shape only and copies the path.
   *
   * @param leafIndex the leaf proved
   * @param treeSize the size of the tree it is proved in
   * @param path the hashes from the leaf's sibling up
   */
  public InclusionProof {
    if (leafIndex < 0) {
      throw new IllegalArgumentException("leafIndex must not be negative: " + leafIndex);
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize must not be negative: " + treeSize);
    }
    path = List.copyOf(path);
  }
}
