package org.moralbank.ledger.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

class MerkleTreeTest {
  private static Hash leaf(long i) {
    return HashAlgorithm.SHA_256.leafHash(ByteBuffer.allocate(8).putLong(i).array());
  }

  /**
   * Beyond the 32768-hash chunks of the levels and several levels deep: proofs at sizes around
   * chunk boundaries agree with the frontier's roots and verify.
   */
  @Test
  void largeTree_proofsAcrossChunkBoundaries_verifyAgainstFrontierRoots() {
    int n = 100_003;
    MerkleTree tree = MerkleTree.create(HashAlgorithm.SHA_256);
    MerkleFrontier frontier = MerkleFrontier.empty(HashAlgorithm.SHA_256);
    long[] sizes = {32_767, 32_768, 32_769, 65_536, 65_537, 99_999, n};
    java.util.Map<Long, Hash> roots = new java.util.HashMap<>();
    for (long i = 0; i < n; i++) {
      tree.append(leaf(i));
      frontier.append(leaf(i));
      for (long s : sizes) {
        if (s == i + 1) {
          roots.put(s, frontier.root());
        }
      }
    }
    for (long s : sizes) {
      assertEquals(roots.get(s), tree.root(s), "root at " + s);
      for (long index : new long[] {0, s / 3, s - 2, s - 1, 32_767}) {
        if (index >= 0 && index < s) {
          ProofVerifier.verifyInclusion(HashAlgorithm.SHA_256, leaf(index),
              tree.inclusionProof(index, s), roots.get(s));
        }
      }
      for (long s1 : sizes) {
        if (s1 <= s) {
          ProofVerifier.verifyConsistency(HashAlgorithm.SHA_256, tree.consistencyProof(s1, s),
              roots.get(s1), roots.get(s));
        }
      }
    }
    assertEquals(frontier.head(), tree.head());
    // Two hashes per leaf, within the 1 MiB chunk granularity of each level.
    assertTrue(tree.retainedBytes() >= 64L * n - 64 * 64, "retained " + tree.retainedBytes());
    assertTrue(tree.retainedBytes() <= 64L * n + 20L * (1 << 20), "retained " + tree.retainedBytes());
  }

  @Test
  void proofsAtAnEarlierSize_areUnaffectedByConcurrentAppends() throws InterruptedException {
    MerkleTree tree = MerkleTree.create(HashAlgorithm.SM3);
    for (long i = 0; i < 1000; i++) {
      tree.append(HashAlgorithm.SM3.leafHash(ByteBuffer.allocate(8).putLong(i).array()));
    }
    Hash root = tree.root(1000);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      for (long i = 1000; i < 20_000; i++) {
        tree.append(HashAlgorithm.SM3.leafHash(ByteBuffer.allocate(8).putLong(i).array()));
      }
    });
    writer.start();
    try {
      for (long index = 0; index < 1000; index += 7) {
        ProofVerifier.verifyInclusion(HashAlgorithm.SM3,
            HashAlgorithm.SM3.leafHash(ByteBuffer.allocate(8).putLong(index).array()),
            tree.inclusionProof(index, 1000), root);
      }
    } catch (Throwable t) {
      failure.set(t);
    }
    writer.join();
    assertEquals(null, failure.get());
    assertEquals(20_000, tree.size());
    assertEquals(root, tree.root(1000));
  }
}
