package org.moralbank.ledger.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * Random trees against the literal RFC definitions ({@link ReferenceMerkle}), and every proof
 * against every corruption: a flipped bit in any hash, a hash missing or added anywhere, another
 * leaf index, another tree size, swapped or wrong roots. Each must fail.
 */
class MerkleProperties {
  /** A tree of random leaves, with a random earlier size m and a random leaf index below m. */
  record Case(HashAlgorithm algorithm, List<Hash> leaves, int m, int index, long seed) {
    int n() {
      return leaves.size();
    }

    MerkleTree tree() {
      MerkleTree tree = MerkleTree.create(algorithm);
      tree.appendAll(leaves);
      return tree;
    }
  }

  @Provide
  Arbitrary<Case> trees() {
    Arbitrary<HashAlgorithm> algorithm = Arbitraries.of(HashAlgorithm.class);
    Arbitrary<Integer> size = Arbitraries.oneOf(
        Arbitraries.integers().between(1, 70), Arbitraries.integers().between(1, 1100));
    return Combinators.combine(algorithm, size, Arbitraries.longs())
        .as((alg, n, seed) -> {
          Random random = new Random(seed);
          List<Hash> leaves = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            byte[] record = new byte[random.nextInt(40)];
            random.nextBytes(record);
            leaves.add(alg.leafHash(record));
          }
          int m = 1 + random.nextInt(n);
          return new Case(alg, leaves, m, random.nextInt(m), seed);
        });
  }

  @Property(tries = 300)
  void rootsAgreeWithTheRfcDefinition_atEverySize_inTreeAndFrontier(@ForAll("trees") Case c) {
    ReferenceMerkle reference = new ReferenceMerkle(c.algorithm());
    MerkleTree tree = c.tree();
    MerkleFrontier frontier = MerkleFrontier.empty(c.algorithm());
    assertEquals(reference.mth(List.of()), frontier.root());
    for (int size = 1; size <= c.n(); size++) {
      frontier.append(c.leaves().get(size - 1));
      if (size == c.m() || size == c.n() || size < 20) {
        Hash expected = reference.mth(c.leaves().subList(0, size));
        assertEquals(expected, frontier.root(), "frontier at " + size);
        assertEquals(expected, tree.root(size), "tree at " + size);
      }
    }
    assertEquals(frontier.root(), tree.frontier().root());
    assertEquals(frontier.subtreeRoots(), tree.frontier().subtreeRoots());
    MerkleFrontier copy = MerkleFrontier.fromBytes(frontier.toBytes());
    assertEquals(frontier.head(), copy.head());
    assertEquals(frontier.subtreeRoots(), copy.subtreeRoots());
  }

  @Property(tries = 300)
  void inclusionProof_isTheRfcPath_verifies_andEveryCorruptionFails(@ForAll("trees") Case c) {
    checkInclusionAndCorruptions(c);
  }

  /**
   * Regression for a failing seed (8339): two empty records have the same leaf hash, so the
   * proof of leaf 0 (its sibling, which equals it) is also the genuine proof of leaf 1. Moving
   * the index there must verify, and is not a corruption; every other change must still fail.
   */
  @Example
  void equalLeaves_theSameProofIsGenuineForBothIndexes() {
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      Hash empty = algorithm.leafHash(new byte[0]);
      Case c = new Case(algorithm, List.of(empty, empty), 2, 0, 8339);
      InclusionProof proof = c.tree().inclusionProof(0, 2);
      ProofVerifier.verifyInclusion(algorithm, empty, new InclusionProof(1, 2, proof.path()), c.tree().root(2));
      checkInclusionAndCorruptions(c);
      checkInclusionAndCorruptions(new Case(algorithm, List.of(empty, empty, empty), 3, 1, 8339));
    }
  }

  private static void checkInclusionAndCorruptions(Case c) {
    MerkleTree tree = c.tree();
    int i = c.index();
    int size = c.m();
    Hash leaf = c.leaves().get(i);
    Hash root = tree.root(size);
    InclusionProof proof = tree.inclusionProof(i, size);
    assertEquals(new ReferenceMerkle(c.algorithm()).path(i, c.leaves().subList(0, size)), proof.path());
    ProofVerifier.verifyInclusion(c.algorithm(), leaf, proof, root);

    List<Hash> path = proof.path();
    for (int k = 0; k < path.size(); k++) {
      for (int bit : new int[] {0, 7, 100, 255}) {
        InclusionProof flipped = new InclusionProof(i, size, replace(path, k, flip(path.get(k), bit)));
        failsInclusion(c, leaf, flipped, root);
      }
      failsInclusion(c, leaf, new InclusionProof(i, size, remove(path, k)), root);
    }
    for (int k = 0; k <= path.size(); k++) {
      failsInclusion(c, leaf, new InclusionProof(i, size, insert(path, k, path.isEmpty() ? root : path.get(0))), root);
      failsInclusion(c, leaf, new InclusionProof(i, size, insert(path, k, leaf)), root);
    }
    failsInclusion(c, flip(leaf, 3), proof, root);
    failsInclusion(c, leaf, proof, flip(root, 9));
    failsInclusion(c, root, proof, leaf.equals(root) ? flip(root, 1) : leaf);
    // Any other index of the same tree, with the same path.
    // Skipped where leaf j equals ours and has the very same path: then the proof is genuine there.
    for (long j : new long[] {i - 1, i + 1, i ^ 1, i ^ 2, size, size + 1L, 0, size - 1L}) {
      boolean genuineThere = j >= 0 && j < size && c.leaves().get((int) j).equals(leaf)
          && tree.inclusionProof(j, size).path().equals(path);
      if (j >= 0 && j != i && !genuineThere) {
        failsInclusion(c, leaf, new InclusionProof(j, size, path), root);
      }
    }
    // Another size, with that size's own root (as a signed checkpoint would pair them): only the
    // genuine path of that size verifies, so ours fails unless it happens to be that path.
    for (int other : new int[] {size - 1, size + 1, size * 2, size / 2, c.n()}) {
      if (other > i && other != size && other <= c.n()) {
        InclusionProof moved = new InclusionProof(i, other, path);
        if (!tree.inclusionProof(i, other).path().equals(path)) {
          failsInclusion(c, leaf, moved, tree.root(other));
        }
      }
    }
  }

  @Property(tries = 300)
  void consistencyProof_isTheRfcProof_verifies_andEveryCorruptionFails(@ForAll("trees") Case c) {
    MerkleTree tree = c.tree();
    int m = c.m();
    int n = c.n();
    Hash r1 = tree.root(m);
    Hash r2 = tree.root(n);
    ConsistencyProof proof = tree.consistencyProof(m, n);
    assertEquals(new ReferenceMerkle(c.algorithm()).proof(m, c.leaves()), proof.path());
    ProofVerifier.verifyConsistency(c.algorithm(), proof, r1, r2);
    if (m == n) {
      assertEquals(List.of(), proof.path());
      failsConsistency(c, new ConsistencyProof(m, n, List.of(r1)), r1, r2);
      failsConsistency(c, proof, r1, flip(r2, 5));
      return;
    }
    List<Hash> path = proof.path();
    for (int k = 0; k < path.size(); k++) {
      for (int bit : new int[] {0, 13, 128, 255}) {
        failsConsistency(c, new ConsistencyProof(m, n, replace(path, k, flip(path.get(k), bit))), r1, r2);
      }
      failsConsistency(c, new ConsistencyProof(m, n, remove(path, k)), r1, r2);
    }
    for (int k = 0; k <= path.size(); k++) {
      failsConsistency(c, new ConsistencyProof(m, n, insert(path, k, r1)), r1, r2);
      failsConsistency(c, new ConsistencyProof(m, n, insert(path, k, path.get(0))), r1, r2);
    }
    failsConsistency(c, proof, r2, r1);
    failsConsistency(c, proof, flip(r1, 0), r2);
    failsConsistency(c, proof, r1, flip(r2, 0));
    failsConsistency(c, new ConsistencyProof(m, n, List.of()), r1, r2);
    failsConsistency(c, new ConsistencyProof(n, m, path), r2, r1);
    failsConsistency(c, new ConsistencyProof(0, n, path), r1, r2);
    // Other sizes with their own roots: only their genuine proof verifies.
    for (int[] sizes : new int[][] {{m - 1, n}, {m + 1, n}, {m, n - 1}, {m, n + 1}, {m ^ 2, n}, {m, n / 2}}) {
      int s1 = sizes[0];
      int s2 = sizes[1];
      if (s1 >= 1 && s1 <= s2 && s2 <= n && !(s1 == m && s2 == n)) {
        if (!tree.consistencyProof(s1, s2).path().equals(path)) {
          failsConsistency(c, new ConsistencyProof(s1, s2, path), tree.root(s1), tree.root(s2));
        }
      }
    }
  }

  @Property(tries = 100)
  void frontierEncoding_roundTrips_andRejectsEveryTruncationAndExtension(@ForAll("trees") Case c) {
    MerkleFrontier frontier = c.tree().frontier();
    byte[] bytes = frontier.toBytes();
    assertEquals(frontier.head(), MerkleFrontier.fromBytes(bytes).head());
    assertEquals(c.algorithm(), MerkleFrontier.fromBytes(bytes).algorithm());
    for (int len = 0; len < bytes.length; len++) {
      byte[] truncated = java.util.Arrays.copyOf(bytes, len);
      assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(truncated));
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 32);
    assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(longer));
  }

  private static void failsInclusion(Case c, Hash leaf, InclusionProof proof, Hash root) {
    assertThrows(ProofException.class,
        () -> ProofVerifier.verifyInclusion(c.algorithm(), leaf, proof, root),
        () -> "accepted " + proof + " in " + c);
  }

  private static void failsConsistency(Case c, ConsistencyProof proof, Hash r1, Hash r2) {
    assertThrows(ProofException.class,
        () -> ProofVerifier.verifyConsistency(c.algorithm(), proof, r1, r2),
        () -> "accepted " + proof + " in " + c);
  }

  static Hash flip(Hash h, int bit) {
    byte[] b = h.toByteArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(b);
  }

  private static List<Hash> replace(List<Hash> path, int k, Hash h) {
    List<Hash> out = new ArrayList<>(path);
    out.set(k, h);
    return out;
  }

  private static List<Hash> remove(List<Hash> path, int k) {
    List<Hash> out = new ArrayList<>(path);
    out.remove(k);
    return out;
  }

  private static List<Hash> insert(List<Hash> path, int k, Hash h) {
    List<Hash> out = new ArrayList<>(path);
    out.add(k, h);
    return out;
  }
}
