package org.moralbank.audit;

import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.proof.MerkleFrontier;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.TreeHead;

/**
 * Feeds the leaf hashes of sound records into an RFC 6962 tree: a {@link MerkleFrontier} (a few
 * hashes of memory) for roots, or a whole {@link MerkleTree} (about 64 bytes per record) when
 * proofs are wanted.
 */
final class MerkleListener implements ScanListener {
  private final boolean keepTree;
  private final long rootAt;
  private MerkleFrontier frontier;
  private MerkleTree tree;
  private Hash rootAtSize;

  /**
   * @param keepTree whether to keep every level, for proofs
   * @param rootAt a size at which to note the root (a checkpoint's), or -1
   */
  MerkleListener(boolean keepTree, long rootAt) {
    this.keepTree = keepTree;
    this.rootAt = rootAt;
  }

  @Override
  public void accept(long sequence, Hash leafHash, byte[] bytes, LedgerRecord record) {
    if (sequence == 0) {
      LedgerRecord.Genesis g = (LedgerRecord.Genesis) record.body();
      if (keepTree) {
        tree = MerkleTree.create(g.algorithm());
      } else {
        frontier = MerkleFrontier.empty(g.algorithm());
      }
      if (rootAt == 0) {
        rootAtSize = g.algorithm().digest(new byte[0]);
      }
    }
    if (keepTree) {
      tree.append(leafHash);
    } else {
      frontier.append(leafHash);
    }
    if (sequence + 1 == rootAt) {
      rootAtSize = keepTree ? tree.root() : frontier.root();
    }
  }

  /** The root of every sound record, or null if there is none. */
  Hash root() {
    if (keepTree) {
      return tree == null ? null : tree.root();
    }
    return frontier == null ? null : frontier.root();
  }

  /** The root at the size given to the constructor, or null if the journal did not reach it. */
  Hash rootAtSize() {
    return rootAtSize;
  }

  /** The hash function of the tree, or null before record 0. */
  HashAlgorithm algorithm() {
    return keepTree ? (tree == null ? null : tree.algorithm())
        : (frontier == null ? null : frontier.algorithm());
  }

  /** The size and root of every sound record, or null if there is none. */
  TreeHead head() {
    if (keepTree) {
      return tree == null ? null : tree.head();
    }
    return frontier == null ? null : frontier.head();
  }

  /** The tree, or null before record 0; only when constructed with {@code keepTree}. */
  MerkleTree tree() {
    return tree;
  }
}
