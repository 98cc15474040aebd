package org.moralbank.ledger.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.io.BaseEncoding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;

/**
 * The known-answer values of the RFC 6962 reference tests, as published by
 * certificate-transparency and transparency-dev/merkle (testonly/constants.go and
 * proof/verify_test.go): eight leaves, the roots of every prefix, and the inclusion and
 * consistency proofs of their test tables.
 */
class Rfc6962VectorsTest {
  static final List<String> INPUTS = List.of(
      "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f");

  static final List<String> LEAF_HASHES = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
      "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

  /** Roots of the trees of 0 to 8 leaves. */
  static final List<String> ROOTS = List.of(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static final HashAlgorithm SHA = HashAlgorithm.SHA_256;

  static List<Hash> leafHashes() {
    List<Hash> out = new ArrayList<>();
    for (String input : INPUTS) {
      out.add(SHA.leafHash(BaseEncoding.base16().lowerCase().decode(input)));
    }
    return out;
  }

  static MerkleTree tree() {
    MerkleTree tree = MerkleTree.create(SHA);
    tree.appendAll(leafHashes());
    return tree;
  }

  private static List<Hash> hashes(String... hex) {
    List<Hash> out = new ArrayList<>();
    for (String h : hex) {
      out.add(Hash.parseHex(h));
    }
    return out;
  }

  @Test
  void leafHashes_matchPublishedValues() {
    List<Hash> leaves = leafHashes();
    for (int i = 0; i < leaves.size(); i++) {
      assertEquals(LEAF_HASHES.get(i), leaves.get(i).hex(), "leaf " + i);
    }
  }

  @Test
  void rootsOfEveryPrefix_matchPublishedValues_inTreeAndFrontier() {
    MerkleTree tree = tree();
    MerkleFrontier frontier = MerkleFrontier.empty(SHA);
    assertEquals(ROOTS.get(0), frontier.root().hex());
    for (int size = 1; size <= 8; size++) {
      frontier.append(tree.leafHash(size - 1));
      assertEquals(ROOTS.get(size), tree.root(size).hex(), "tree root at " + size);
      assertEquals(ROOTS.get(size), frontier.root().hex(), "frontier root at " + size);
    }
    assertEquals(ROOTS.get(0), tree.root(0).hex());
  }

  @Test
  void inclusionProofs_matchPublishedTable() {
    MerkleTree tree = tree();
    checkInclusion(tree, 0, 1, hashes());
    checkInclusion(tree, 0, 8, hashes(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    checkInclusion(tree, 5, 8, hashes(
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    checkInclusion(tree, 2, 3, hashes(
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
    checkInclusion(tree, 1, 5, hashes(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
  }

  private static void checkInclusion(MerkleTree tree, long index, long size, List<Hash> expected) {
    InclusionProof proof = tree.inclusionProof(index, size);
    assertEquals(new InclusionProof(index, size, expected), proof);
    ProofVerifier.verifyInclusion(SHA, tree.leafHash(index), proof, Hash.parseHex(ROOTS.get((int) size)));
    assertEquals(Hash.parseHex(ROOTS.get((int) size)),
        ProofVerifier.rootFromInclusionProof(SHA, tree.leafHash(index), proof));
  }

  @Test
  void consistencyProofs_matchPublishedTable() {
    MerkleTree tree = tree();
    checkConsistency(tree, 1, 1, hashes());
    checkConsistency(tree, 1, 8, hashes(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
    checkConsistency(tree, 6, 8, hashes(
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    checkConsistency(tree, 2, 5, hashes(
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    checkConsistency(tree, 6, 7, hashes(
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
  }

  private static void checkConsistency(MerkleTree tree, long size1, long size2, List<Hash> expected) {
    ConsistencyProof proof = tree.consistencyProof(size1, size2);
    assertEquals(new ConsistencyProof(size1, size2, expected), proof);
    ProofVerifier.verifyConsistency(
        SHA, proof, Hash.parseHex(ROOTS.get((int) size1)), Hash.parseHex(ROOTS.get((int) size2)));
  }

  /** The corruptions of the reference verifier tests, each with the verdict it must get. */
  @Test
  void corruptedInclusionProof_6of8_refusedForTheRightReason() {
    MerkleTree tree = tree();
    Hash root = tree.root(8);
    Hash leaf = tree.leafHash(5);
    InclusionProof good = tree.inclusionProof(5, 8);
    List<Hash> path = good.path();
    Hash some = Hash.parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");

    assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(4, 8, path), root));
    assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(6, 8, path), root));
    assertReason(ProofException.Reason.PATH_TOO_SHORT,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(5, 16, path), root));
    assertReason(ProofException.Reason.INDEX_OUT_OF_RANGE,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(5, 4, path), root));
    assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyInclusion(SHA, some, good, root));
    assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, good, Hash.parseHex(ROOTS.get(0))));
    List<Hash> longer = new ArrayList<>(path);
    longer.add(root);
    assertReason(ProofException.Reason.PATH_TOO_LONG,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(5, 8, longer), root));
    assertReason(ProofException.Reason.PATH_TOO_SHORT,
        () -> ProofVerifier.verifyInclusion(SHA, leaf, new InclusionProof(5, 8, path.subList(0, 2)), root));
  }

  @Test
  void corruptedConsistencyProof_6to8_refusedForTheRightReason() {
    MerkleTree tree = tree();
    Hash r6 = tree.root(6);
    Hash r8 = tree.root(8);
    List<Hash> path = tree.consistencyProof(6, 8).path();
    assertReason(ProofException.Reason.SECOND_ROOT_MISMATCH,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(6, 8, path), r6, r6));
    assertReason(ProofException.Reason.FIRST_ROOT_MISMATCH,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(6, 8, path), r8, r6));
    assertReason(ProofException.Reason.PATH_TOO_SHORT,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(5, 8, path), r6, r8));
    assertReason(ProofException.Reason.PATH_TOO_SHORT,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(6, 8, List.of()), r6, r8));
    assertReason(ProofException.Reason.FIRST_TREE_LARGER,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(8, 6, path), r8, r6));
  }

  @Test
  void edgeCases_refusedAsTheRfcSays() {
    Hash empty = Hash.parseHex(ROOTS.get(0));
    Hash one = Hash.parseHex(ROOTS.get(1));
    assertReason(ProofException.Reason.INDEX_OUT_OF_RANGE,
        () -> ProofVerifier.verifyInclusion(SHA, one, new InclusionProof(0, 0, List.of()), empty));
    assertReason(ProofException.Reason.INDEX_OUT_OF_RANGE,
        () -> ProofVerifier.verifyInclusion(SHA, one, new InclusionProof(1, 1, List.of()), one));
    assertReason(ProofException.Reason.EMPTY_FIRST_TREE,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(0, 0, List.of()), empty, empty));
    assertReason(ProofException.Reason.EMPTY_FIRST_TREE,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(0, 1, List.of()), empty, one));
    assertReason(ProofException.Reason.PATH_NOT_EMPTY,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(1, 1, List.of(empty)), one, one));
    assertReason(ProofException.Reason.ROOT_MISMATCH,
        () -> ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(1, 1, List.of()), one, empty));
    // The one-leaf tree: the root is the leaf hash and the proof is empty.
    ProofVerifier.verifyInclusion(SHA, one, new InclusionProof(0, 1, List.of()), one);
    ProofVerifier.verifyConsistency(SHA, new ConsistencyProof(1, 1, List.of()), one, one);
  }

  @Test
  void producer_refusesImpossibleProofs() {
    MerkleTree tree = tree();
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(8, 8));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(0, 9));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(-1, 8));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(0, 8));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(5, 4));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(5, 9));
    assertEquals(List.of(), tree.consistencyProof(8, 8).path());
  }

  static void assertReason(ProofException.Reason reason, Runnable verification) {
    ProofException e = assertThrows(ProofException.class, verification::run);
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
