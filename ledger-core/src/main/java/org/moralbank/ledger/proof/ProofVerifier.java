package org.moralbank.ledger.proof;

import java.util.List;
import java.util.Objects;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.ProofException.Reason;

/**
 * Stateless verification of RFC 9162 proofs: the algorithms of sections 2.1.3.2 (inclusion) and
 * 2.1.4.2 (consistency), step for step, with the numbered steps in the comments. It keeps no
 * state and uses nothing of {@link MerkleTree} or {@link MerkleFrontier}, so an auditor can read
 * it against the RFC alone.
 *
 * <p>Every method either returns normally or throws a {@link ProofException} whose {@link
 * ProofException#reason() reason} says which check failed.
 *
 * <p>A proof binds a leaf (or an older root) to a root, and the root to the tree size only through
 * whoever vouches for the pair: for the leftmost leaves the same path leads to the same root for
 * several sizes. Take the size and the root from one signed checkpoint, never from the party that
 * sends the proof.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * Checks that {@code leafHash} is leaf {@code proof.leafIndex()} of the tree of {@code
   * proof.treeSize()} leaves whose root is {@code root}.
   *
   * @param algorithm the tree's hash algorithm
   * @param leafHash the leaf hash of the record to check
   * @param proof the inclusion proof
   * @param root the trusted root of the tree of {@code proof.treeSize()} leaves
   * @throws ProofException if it is not: {@link Reason#INDEX_OUT_OF_RANGE}, {@link
   *     Reason#PATH_TOO_LONG}, {@link Reason#PATH_TOO_SHORT} or {@link Reason#ROOT_MISMATCH}
   */
  public static void verifyInclusion(
      HashAlgorithm algorithm, Hash leafHash, InclusionProof proof, Hash root) {
    Objects.requireNonNull(root, "root == null");
    Hash computed = rootFromInclusionProof(algorithm, leafHash, proof);
    if (!computed.equals(root)) {
      throw new ProofException(
          Reason.ROOT_MISMATCH,
          "the proof for leaf " + proof.leafIndex() + " of " + proof.treeSize()
              + " leads to root " + computed + ", not " + root);
    }
  }

  /**
   * The root that an inclusion proof leads to from {@code leafHash}, after the checks on the
   * index and the path length; the caller compares it with a trusted root.
   *
   * @param algorithm the tree's hash algorithm
   * @param leafHash the leaf hash of the record to check
   * @param proof the inclusion proof
   * @return the root the proof leads to
   */
  public static Hash rootFromInclusionProof(
      HashAlgorithm algorithm, Hash leafHash, InclusionProof proof) {
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(leafHash, "leafHash == null");
    Objects.requireNonNull(proof, "proof == null");
    // 1. leaf_index >= tree_size fails (so does every proof in the empty tree).
    if (proof.leafIndex() >= proof.treeSize()) {
      throw new ProofException(
          Reason.INDEX_OUT_OF_RANGE,
          "leaf index " + proof.leafIndex() + " is not below tree size " + proof.treeSize());
    }
    HashAlgorithm.Hasher hasher = algorithm.newHasher();
    // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
    long fn = proof.leafIndex();
    long sn = proof.treeSize() - 1;
    Hash r = leafHash;
    // 4. For each p in inclusion_path:
    for (Hash p : proof.path()) {
      // a. sn == 0: the path is longer than the tree is high.
      if (sn == 0) {
        throw new ProofException(Reason.PATH_TOO_LONG, tooLong(proof.path(), proof.treeSize()));
      }
      if ((fn & 1) == 1 || fn == sn) {
        // b. i. r = HASH(0x01 || p || r).
        r = hasher.nodeHash(p, r);
        // ii. Skip the levels where this node has no right sibling.
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        // Otherwise r = HASH(0x01 || r || p).
        r = hasher.nodeHash(r, p);
      }
      // c. One level up.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. sn must be 0: the path reached the root.
    if (sn != 0) {
      throw new ProofException(
          Reason.PATH_TOO_SHORT,
          proof.path().size() + " hashes do not reach the root of a tree of " + proof.treeSize());
    }
    return r;
  }

  /**
   * Checks that the tree of {@code proof.size2()} leaves with root {@code root2} extends the tree
   * of {@code proof.size1()} leaves with root {@code root1}.
   *
   * <p>Equal sizes need an empty path and equal roots. A proof from the empty tree is refused
   * ({@link Reason#EMPTY_FIRST_TREE}): the empty tree is consistent with every tree, there is
   * nothing to prove, and accepting a "proof" for it would only hide a caller's mix-up.
   *
   * @param algorithm the trees' hash algorithm
   * @param proof the consistency proof
   * @param root1 the trusted root of the older tree
   * @param root2 the trusted root of the newer tree
   * @throws ProofException with the failed check's reason
   */
  public static void verifyConsistency(
      HashAlgorithm algorithm, ConsistencyProof proof, Hash root1, Hash root2) {
    Objects.requireNonNull(algorithm, "algorithm == null");
    Objects.requireNonNull(proof, "proof == null");
    Objects.requireNonNull(root1, "root1 == null");
    Objects.requireNonNull(root2, "root2 == null");
    long first = proof.size1();
    long second = proof.size2();
    List<Hash> path = proof.path();
    if (first == 0) {
      throw new ProofException(
          Reason.EMPTY_FIRST_TREE, "there is no consistency proof from the empty tree");
    }
    if (first > second) {
      throw new ProofException(
          Reason.FIRST_TREE_LARGER, "size1 " + first + " is larger than size2 " + second);
    }
    if (first == second) {
      if (!path.isEmpty()) {
        throw new ProofException(
            Reason.PATH_NOT_EMPTY,
            "a proof between equal sizes is empty, not " + path.size() + " hashes");
      }
      if (!root1.equals(root2)) {
        throw new ProofException(
            Reason.ROOT_MISMATCH, "two trees of " + first + " leaves have different roots");
      }
      return;
    }
    // 1. An empty path fails.
    if (path.isEmpty()) {
      throw new ProofException(Reason.PATH_TOO_SHORT, "the proof from " + first + " to "
          + second + " is empty");
    }
    HashAlgorithm.Hasher hasher = algorithm.newHasher();
    // 2. When first is a power of two, the first tree is a complete subtree of the second and
    //    its root is the path's implicit first element.
    boolean firstIsPowerOfTwo = (first & (first - 1)) == 0;
    int start = firstIsPowerOfTwo ? -1 : 0;
    // 3. fn = first - 1, sn = second - 1.
    long fn = first - 1;
    long sn = second - 1;
    // 4. Right-shift both while LSB(fn) is set.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. fr = sr = the first element.
    Hash fr = start < 0 ? root1 : path.get(0);
    Hash sr = fr;
    // 6. For each subsequent element c:
    for (int i = start + 1; i < path.size(); i++) {
      Hash c = path.get(i);
      // a. sn == 0: too many hashes.
      if (sn == 0) {
        throw new ProofException(Reason.PATH_TOO_LONG, tooLong(path, second));
      }
      if ((fn & 1) == 1 || fn == sn) {
        // b. i.-ii. fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr).
        fr = hasher.nodeHash(c, fr);
        sr = hasher.nodeHash(c, sr);
        // iii. Skip the levels where the first tree's edge has no right sibling.
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        // Otherwise sr = HASH(0x01 || sr || c).
        sr = hasher.nodeHash(sr, c);
      }
      // c. One level up.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 7. sn must be 0, fr must be first_hash and sr second_hash.
    if (sn != 0) {
      throw new ProofException(
          Reason.PATH_TOO_SHORT,
          path.size() + " hashes do not reach the root of a tree of " + second);
    }
    if (!fr.equals(root1)) {
      throw new ProofException(
          Reason.FIRST_ROOT_MISMATCH,
          "the proof leads to first root " + fr + ", not " + root1);
    }
    if (!sr.equals(root2)) {
      throw new ProofException(
          Reason.SECOND_ROOT_MISMATCH,
          "the proof leads to second root " + sr + ", not " + root2);
    }
  }

  private static String tooLong(List<Hash> path, long size) {
    return path.size() + " hashes are more than a tree of " + size + " leaves needs";
  }
}
