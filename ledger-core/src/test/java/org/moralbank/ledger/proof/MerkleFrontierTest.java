package org.moralbank.ledger.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

class MerkleFrontierTest {
  /** Golden files of format version 1; rewrite with -Dmoralbank.writeGolden=true (never needed). */
  private static final Path GOLDEN = Path.of("src/test/resources/org/moralbank/ledger/proof");

  @Test
  void emptyFrontier_hasTheRfcEmptyRoot_forBothAlgorithms() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        MerkleFrontier.empty(HashAlgorithm.SHA_256).root().hex());
    // SM3 of the empty string, GB/T 32905-2016.
    assertEquals("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
        MerkleFrontier.empty(HashAlgorithm.SM3).root().hex());
  }

  @Test
  void frontier_keepsOneHashPerSetBitOfTheSize_largestSubtreeFirst() {
    MerkleTree tree = Rfc6962VectorsTest.tree();
    MerkleFrontier frontier = MerkleFrontier.empty(HashAlgorithm.SHA_256);
    for (int i = 0; i < 7; i++) {
      frontier.append(tree.leafHash(i));
    }
    // 7 = 4 + 2 + 1: MTH(D[0:4]), MTH(D[4:6]), leaf 6 (transparency-dev CompactTrees()[7]).
    assertEquals(List.of(
        Hash.parseHex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        Hash.parseHex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
        Hash.parseHex("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f")),
        frontier.subtreeRoots());
    assertEquals(7, frontier.size());
  }

  @Test
  void copy_isIndependent() {
    MerkleFrontier a = MerkleFrontier.empty(HashAlgorithm.SHA_256);
    a.append(HashAlgorithm.SHA_256.leafHash(new byte[] {1}));
    MerkleFrontier b = a.copy();
    b.append(HashAlgorithm.SHA_256.leafHash(new byte[] {2}));
    assertEquals(1, a.size());
    assertEquals(2, b.size());
    assertNotEquals(a.root(), b.root());
  }

  @Test
  void goldenFile_v1_sha256_sevenLeaves() throws IOException {
    MerkleTree tree = Rfc6962VectorsTest.tree();
    MerkleFrontier frontier = MerkleFrontier.empty(HashAlgorithm.SHA_256);
    for (int i = 0; i < 7; i++) {
      frontier.append(tree.leafHash(i));
    }
    Path file = GOLDEN.resolve("frontier-v1-sha256-size7.bin");
    if (Boolean.getBoolean("moralbank.writeGolden")) {
      Files.createDirectories(GOLDEN);
      Files.write(file, frontier.toBytes());
    }
    byte[] golden = Files.readAllBytes(file);
    assertArrayEquals(golden, frontier.toBytes());
    MerkleFrontier read = MerkleFrontier.fromBytes(golden);
    assertEquals(Rfc6962VectorsTest.ROOTS.get(7), read.root().hex());
    // Appending the eighth leaf to the decoded frontier gives the published root of 8 leaves.
    read.append(tree.leafHash(7));
    assertEquals(Rfc6962VectorsTest.ROOTS.get(8), read.root().hex());
  }

  @Test
  void goldenFile_v1_sm3_empty() throws IOException {
    Path file = GOLDEN.resolve("frontier-v1-sm3-empty.bin");
    MerkleFrontier empty = MerkleFrontier.empty(HashAlgorithm.SM3);
    if (Boolean.getBoolean("moralbank.writeGolden")) {
      Files.createDirectories(GOLDEN);
      Files.write(file, empty.toBytes());
    }
    byte[] golden = Files.readAllBytes(file);
    assertArrayEquals(golden, empty.toBytes());
    assertEquals(HashAlgorithm.SM3, MerkleFrontier.fromBytes(golden).algorithm());
    assertEquals(0, MerkleFrontier.fromBytes(golden).size());
  }

  @Test
  void fromBytes_rejectsUnknownVersionAlgorithmAndNegativeSize() {
    byte[] good = MerkleFrontier.empty(HashAlgorithm.SHA_256).toBytes();
    byte[] version = good.clone();
    version[0] = 2;
    assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(version));
    byte[] algorithm = good.clone();
    algorithm[1] = 9;
    assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(algorithm));
    byte[] negative = good.clone();
    negative[2] = (byte) 0x80;
    assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(negative));
    assertThrows(MalformedFrontierException.class, () -> MerkleFrontier.fromBytes(new byte[0]));
  }

  /**
   * Documents why a checkpoint must bind size and root: for the leftmost leaf the proof in the
   * tree of 8 leaves also leads to the root of 8 when a size of 7 is claimed (RFC 6962 proofs do
   * not encode the size). Receipts therefore take the size from the signed checkpoint.
   */
  @Test
  void sizeIsBoundOnlyByTheCheckpoint_leftmostLeafPathFitsSeveralSizes() {
    MerkleTree tree = Rfc6962VectorsTest.tree();
    InclusionProof proof = tree.inclusionProof(0, 8);
    ProofVerifier.verifyInclusion(HashAlgorithm.SHA_256, tree.leafHash(0),
        new InclusionProof(0, 7, proof.path()), tree.root(8));
    Rfc6962VectorsTest.assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyInclusion(HashAlgorithm.SHA_256, tree.leafHash(0),
            new InclusionProof(0, 7, proof.path()), tree.root(7)));
  }
}
