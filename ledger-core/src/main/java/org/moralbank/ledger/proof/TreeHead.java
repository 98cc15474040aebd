package org.moralbank.ledger.proof;

import java.util.Objects;
import org.moralbank.ledger.Hash;

/**
 * The size of a Merkle tree and its root hash: what a checkpoint states and a consistency proof
 * links.
 *
 * @param size the number of leaves
 * @param root the RFC 6962 root hash; for the empty tree, the hash of the empty string
 */
public record TreeHead(long size, Hash root) {
  /**
   * Checks that the size is not negative.
   *
   * @param size the number of leaves
   * @param root the root hash
   */
  public TreeHead {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    Objects.requireNonNull(root, "root == null");
  }
}
