package org.moralbank.ledger.proof;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * An append-only RFC 6962 Merkle tree that keeps every level in memory, so that it can produce
 * inclusion and consistency proofs, and roots, at any size up to its current one.
 *
 * <p><b>Layout.</b> Level 0 holds the leaf hashes; level {@code k} holds the hash of every
 * complete, aligned subtree of {@code 2^k} leaves, {@code size >> k} of them. Levels are packed
 * 32-byte hashes in 1 MiB arrays. Appending a leaf copies it to level 0 and hashes one new node
 * per completed subtree (one node per leaf, amortised). A proof needs O(log n) stored nodes and
 * at most O(log n) node hashes for the one incomplete right-edge subtree it may cross, whatever
 * the tree's size.
 *
 * <p><b>Memory.</b> The levels hold {@code n + n/2 + n/4 + ... < 2n} hashes: about 64 bytes per
 * leaf, so about 61 MiB per million leaves and 610 MiB for ten million (half of it the leaf
 * hashes themselves). {@link #retainedBytes()} reports the exact figure. A journal that cannot
 * afford this keeps only a {@link MerkleFrontier} and builds a tree on demand from the leaf hashes
 * in its store.
 *
 * <p><b>Threads.</b> Every method is synchronized: one writer appends while other threads ask
 * for proofs; proofs at a size below the current one are unaffected by later appends.
 */
public final class MerkleTree {
  private final NodeHasher hasher;
  private final List<HashColumn> levels = new ArrayList<>();
  private final byte[] scratch = new byte[Hash.LENGTH];

  private MerkleTree(HashAlgorithm algorithm) {
    this.hasher = new NodeHasher(algorithm);
    levels.add(new HashColumn());
  }

  /**
   * An empty tree.
   *
   * @param algorithm the hash algorithm of its leaves and nodes
   * @return the tree
   */
  public static MerkleTree create(HashAlgorithm algorithm) {
    return new MerkleTree(Objects.requireNonNull(algorithm, "algorithm == null"));
  }

  /** {@return the hash algorithm of the leaves and nodes} */
  public HashAlgorithm algorithm() {
    return hasher.algorithm();
  }

  /** {@return the number of leaves} */
  public synchronized long size() {
    return levels.get(0).size();
  }

  /**
   * Appends the leaf hash {@code H(0x00 || record)} of the next record.
   *
   * @param leafHash the next record's leaf hash
   * @throws IllegalStateException if the tree already has 2^63 - 1 leaves
   */
  public synchronized void append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash == null");
    HashColumn leaves = levels.get(0);
    if (leaves.size() == Long.MAX_VALUE) {
      throw new IllegalStateException("a tree holds at most 2^63 - 1 leaves");
    }
    leafHash.copyTo(scratch, 0);
    leaves.add(scratch, 0);
    // A right child completes its parent; the parent may in turn be a right child.
    long index = leaves.size() - 1;
    for (int level = 0; (index & 1) == 1; level++, index >>>= 1) {
      HashColumn column = levels.get(level);
      if (level + 1 == levels.size()) {
        levels.add(new HashColumn());
      }
      hasher.node(
          column.array(index - 1), column.offset(index - 1),
          column.array(index), column.offset(index),
          scratch, 0);
      levels.get(level + 1).add(scratch, 0);
    }
  }

  /**
   * Appends every hash of {@code leafHashes}, in order.
   *
   * @param leafHashes the leaf hashes, in journal order
   */
  public synchronized void appendAll(List<Hash> leafHashes) {
    for (Hash h : leafHashes) {
      append(h);
    }
  }

  /**
   * {@return the leaf hash at {@code index}}
   *
   * @param index the leaf's position, below {@link #size()}
   */
  public synchronized Hash leafHash(long index) {
    checkIndex(index, size());
    return levels.get(0).get(index);
  }

  /** {@return the root of the current tree; {@code H()} when it is empty} */
  public synchronized Hash root() {
    return root(size());
  }

  /**
   * {@return the root the tree had when it held {@code treeSize} leaves}
   *
   * @param treeSize a size up to {@link #size()}
   */
  public synchronized Hash root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? hasher.emptyRoot() : rangeHash(0, treeSize);
  }

  /** {@return the size and root of the current tree} */
  public synchronized TreeHead head() {
    return new TreeHead(size(), root());
  }

  /** {@return the frontier of the current tree, for a journal or a snapshot} */
  public synchronized MerkleFrontier frontier() {
    long size = size();
    List<Hash> roots = new ArrayList<>();
    long start = 0;
    for (int level = 63; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        roots.add(levels.get(level).get(start >>> level));
        start += 1L << level;
      }
    }
    return MerkleFrontier.of(algorithm(), size, roots);
  }

  /**
   * The RFC 9162 inclusion proof PATH(leafIndex, D[0:treeSize]), the leaf's sibling first.
   *
   * @param leafIndex the leaf to prove
   * @param treeSize the size of the tree it is proved in
   * @return the proof
   * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize <= size()}
   */
  public synchronized InclusionProof inclusionProof(long leafIndex, long treeSize) {
    checkSize(treeSize);
    checkIndex(leafIndex, treeSize);
    List<Hash> path = new ArrayList<>();
    long lo = 0;
    long hi = treeSize;
    // Walk down from the root, collecting the sibling of each subtree that holds the leaf.
    while (hi - lo > 1) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (leafIndex - lo < k) {
        path.add(rangeHash(lo + k, hi));
        hi = lo + k;
      } else {
        path.add(rangeHash(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(path);
    return new InclusionProof(leafIndex, treeSize, path);
  }

  /**
   * The RFC 9162 consistency proof PROOF(size1, D[0:size2]); empty when the sizes are equal.
   *
   * @param size1 the size of the older tree
   * @param size2 the size of the newer tree
   * @return the proof
   * @throws IllegalArgumentException unless {@code 0 < size1 <= size2 <= size()}: the empty tree is
   *     consistent with every tree and has no proof
   */
  public synchronized ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "a consistency proof needs 0 < size1 <= size2, not " + size1 + " and " + size2);
    }
    List<Hash> path = new ArrayList<>();
    long lo = 0;
    long hi = size2;
    long m = size1;
    boolean wholeFirstTree = true;
    // SUBPROOF(m, D[lo:hi], b) of RFC 9162 section 2.1.4.1, unrolled from the top.
    while (m != hi - lo) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        path.add(rangeHash(lo + k, hi));
        hi = lo + k;
      } else {
        path.add(rangeHash(lo, lo + k));
        lo += k;
        m -= k;
        wholeFirstTree = false;
      }
    }
    if (!wholeFirstTree) {
      path.add(rangeHash(lo, hi));
    }
    Collections.reverse(path);
    return new ConsistencyProof(size1, size2, path);
  }

  /** {@return the bytes held by the levels' hash arrays (excluding small per-object overheads)} */
  public synchronized long retainedBytes() {
    long total = 0;
    for (HashColumn c : levels) {
      total += c.retainedBytes();
    }
    return total;
  }

  @Override
  public synchronized String toString() {
    return "MerkleTree[" + algorithm().displayName() + ", size=" + size() + "]";
  }

  /**
   * MTH(D[lo:hi]) for {@code lo < hi}: a stored node when the range is a complete aligned
   * subtree, else the RFC split into a complete left part and the rest.
   */
  private Hash rangeHash(long lo, long hi) {
    long width = hi - lo;
    if (Long.bitCount(width) == 1 && (lo & (width - 1)) == 0) {
      int level = Long.numberOfTrailingZeros(width);
      return levels.get(level).get(lo >>> level);
    }
    long k = largestPowerOfTwoBelow(width);
    return hasher.node(rangeHash(lo, lo + k), rangeHash(lo + k, hi));
  }

  /** The largest power of two strictly below {@code n}, for {@code n >= 2}. */
  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is outside 0.." + size() + ", the sizes this tree has had");
    }
  }

  private static void checkIndex(long leafIndex, long treeSize) {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
    }
  }
}
