package org.moralbank.ledger.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moralbank.ledger.checkpoint.TestVectorGenerator.HEX;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.checkpoint.VectorFile.Block;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleFrontier;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.ProofVerifier;

/**
 * The library agrees with every vector in docs/test-vectors: the files an auditor uses to test
 * an independent verifier. They were written once by {@link TestVectorGenerator}; this test only
 * reads them.
 */
class TestVectorsTest {
  static final Path DIR = Path.of("../docs/test-vectors");

  @BeforeAll
  static void writeWhenAsked() throws IOException {
    if (Boolean.getBoolean("moralbank.writeVectors")) {
      TestVectorGenerator.writeAll(DIR);
    }
  }

  private static List<Hash> hashes(List<String> hex) {
    List<Hash> out = new ArrayList<>();
    for (String h : hex) {
      out.add(Hash.parseHex(h));
    }
    return out;
  }

  @Test
  void merkleTrees_leafHashesRootsAndFrontierBytes() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("merkle.txt"));
    assertEquals(4, blocks.size());
    for (Block b : blocks) {
      HashAlgorithm alg = TestVectorGenerator.algorithm(b.get("algorithm"));
      List<String> inputs = b.all("input");
      List<String> leafHashes = b.all("leaf-hash");
      MerkleTree tree = MerkleTree.create(alg);
      for (int i = 0; i < inputs.size(); i++) {
        Hash leaf = alg.leafHash(HEX.decode(inputs.get(i)));
        assertEquals(leafHashes.get(i), leaf.hex(), b.name() + " leaf " + i);
        tree.append(leaf);
      }
      for (String root : b.all("root")) {
        String[] parts = root.split(" ");
        assertEquals(parts[1], tree.root(Long.parseLong(parts[0])).hex(), b.name() + " root " + root);
      }
      for (String frontier : b.all("frontier")) {
        String[] parts = frontier.split(" ");
        long size = Long.parseLong(parts[0]);
        MerkleFrontier f = MerkleFrontier.fromBytes(HEX.decode(parts[1]));
        assertEquals(size, f.size());
        assertEquals(tree.root(size), f.root());
        MerkleFrontier rebuilt = MerkleFrontier.empty(alg);
        for (long i = 0; i < size; i++) {
          rebuilt.append(tree.leafHash(i));
        }
        assertEquals(parts[1], HEX.encode(rebuilt.toBytes()));
      }
    }
    // The published RFC 6962 root of the eight reference leaves.
    assertTrue(VectorFile.byName(blocks).get("rfc6962-sha256").all("root")
        .contains("8 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));
  }

  @Test
  void inclusionProofs_verdictsAndProducedPaths() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("inclusion.txt"));
    assertTrue(blocks.size() > 60, "vectors: " + blocks.size());
    for (Block b : blocks) {
      HashAlgorithm alg = TestVectorGenerator.algorithm(b.get("algorithm"));
      InclusionProof proof = new InclusionProof(
          Long.parseLong(b.get("leaf-index")), Long.parseLong(b.get("tree-size")), hashes(b.all("path")));
      String verdict = verdict(() -> ProofVerifier.verifyInclusion(
          alg, Hash.parseHex(b.get("leaf-hash")), proof, Hash.parseHex(b.get("root"))));
      assertEquals(b.get("expect"), verdict, b.name());
      if (b.has("tree")) {
        assertEquals(proof, TestVectorGenerator.tree(b.get("tree"))
            .inclusionProof(proof.leafIndex(), proof.treeSize()), b.name());
      }
    }
  }

  @Test
  void consistencyProofs_verdictsAndProducedPaths() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("consistency.txt"));
    assertTrue(blocks.size() > 60, "vectors: " + blocks.size());
    for (Block b : blocks) {
      HashAlgorithm alg = TestVectorGenerator.algorithm(b.get("algorithm"));
      ConsistencyProof proof = new ConsistencyProof(
          Long.parseLong(b.get("size1")), Long.parseLong(b.get("size2")), hashes(b.all("path")));
      String verdict = verdict(() -> ProofVerifier.verifyConsistency(
          alg, proof, Hash.parseHex(b.get("root1")), Hash.parseHex(b.get("root2"))));
      assertEquals(b.get("expect"), verdict, b.name());
      if (b.has("tree")) {
        assertEquals(proof, TestVectorGenerator.tree(b.get("tree"))
            .consistencyProof(proof.size1(), proof.size2()), b.name());
      }
    }
  }

  @Test
  void keys_derivationsKeyIdsVkeysAndPems() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("keys.txt"));
    assertEquals(4, blocks.size());
    for (Block b : blocks) {
      SignatureType type = SignatureType.valueOf(b.get("type"));
      String privatePem = Files.readString(DIR.resolve(b.get("private-pem")));
      String publicPem = Files.readString(DIR.resolve(b.get("public-pem")));
      SigningKey key = SigningKey.fromPkcs8Pem(b.get("key-name"), type, privatePem);
      VerifierKey vkey = key.verifierKey();
      if (b.has("seed")) {
        assertEquals(HEX.encode(TestKeys.sha256(b.get("seed-label"))), b.get("seed"));
        SigningKey fromSeed = SigningKey.ed25519(b.get("key-name"), type, HEX.decode(b.get("seed")));
        assertEquals(privatePem, fromSeed.toPkcs8Pem(), b.name());
      } else {
        assertEquals(TestKeys.sm2Log().verifierKey(), vkey, b.name());
      }
      assertEquals(b.get("public-key"), HEX.encode(vkey.publicKey()));
      assertEquals(b.get("type-identifier"), HEX.encode(type.identifier()));
      assertEquals(b.get("key-id"), vkey.keyIdHex());
      assertEquals(b.get("vkey"), vkey.encode());
      assertEquals(vkey, VerifierKey.parse(b.get("vkey")));
      assertEquals(publicPem, vkey.toSpkiPem());
      assertEquals(vkey, VerifierKey.fromSpkiPem(b.get("key-name"), type, publicPem));
    }
  }

  @Test
  void notes_verdictsAndCheckpoints() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("notes.txt"));
    assertTrue(blocks.size() >= 19, "vectors: " + blocks.size());
    for (Block b : blocks) {
      String text = Files.readString(DIR.resolve(b.get("file")), StandardCharsets.UTF_8);
      List<VerifierKey> trusted = new ArrayList<>();
      for (String t : b.all("trusted")) {
        trusted.add(VerifierKey.parse(t));
      }
      String verdict;
      SignedNote note = null;
      try {
        note = SignedNote.parse(text.getBytes(StandardCharsets.UTF_8));
        List<VerifierKey> verified = note.verify(trusted);
        assertEquals(b.all("verified"), verified.stream().map(VerifierKey::encode).toList(), b.name());
        Checkpoint c = Checkpoint.parse(note.text());
        assertEquals(b.get("origin"), c.origin());
        assertEquals(b.get("size"), String.valueOf(c.size()));
        assertEquals(b.get("root"), c.rootHash().base64());
        verdict = "ok";
      } catch (MalformedNoteException e) {
        verdict = note == null ? "MALFORMED" : "MALFORMED_CHECKPOINT";
      } catch (SignatureVerificationException e) {
        verdict = e.reason().name();
      }
      assertEquals(b.get("expect"), verdict, b.name());
    }
    // The Ed25519 log signature is deterministic: re-signing the text gives the same line.
    Map<String, Block> byFile = new java.util.HashMap<>();
    for (Block b : blocks) {
      byFile.put(b.get("file"), b);
    }
    SignedNote cosigned = SignedNote.parse(Files.readString(DIR.resolve("notes/checkpoint-ed25519-cosigned.note")));
    SigningKey log = SigningKey.fromPkcs8Pem(TestKeys.LOG_NAME, SignatureType.ED25519,
        Files.readString(DIR.resolve("keys/log-ed25519.pkcs8.pem")));
    SigningKey witness = SigningKey.fromPkcs8Pem(TestKeys.WITNESS_NAME, SignatureType.COSIGNATURE_V1,
        Files.readString(DIR.resolve("keys/witness-1-cosignature.pkcs8.pem")));
    assertEquals(cosigned.signatures().get(0), log.sign(cosigned.text()));
    assertEquals(cosigned.signatures().get(1), witness.cosign(cosigned.text(), TestVectorGenerator.COSIGN_TIME));
  }

  @Test
  void receipts_verdicts() throws IOException {
    List<Block> blocks = VectorFile.read(DIR.resolve("receipts.txt"));
    assertTrue(blocks.size() >= 18, "vectors: " + blocks.size());
    int ok = 0;
    for (Block b : blocks) {
      String text = Files.readString(DIR.resolve(b.get("file")), StandardCharsets.UTF_8);
      TrustedKeys trusted = TestVectorGenerator.trusted(
          b.get("log-key"), b.all("witness-key"), Integer.parseInt(b.get("witness-quorum")));
      String verdict;
      try {
        VerifiedReceipt v = ReceiptVerifier.verify(text, trusted);
        assertEquals(b.get("record-sequence"), String.valueOf(v.record().sequence()), b.name());
        assertEquals(b.get("checkpoint-size"), String.valueOf(v.checkpoint().size()), b.name());
        verdict = "ok";
        ok++;
        assertEquals(text, Receipt.parse(text).encode(), "canonical text of " + b.name());
      } catch (InvalidReceiptException e) {
        verdict = e.reason().name();
      }
      assertEquals(b.get("expect"), verdict, b.name());
    }
    assertEquals(5, ok);
  }

  private static String verdict(Runnable check) {
    try {
      check.run();
      return "ok";
    } catch (ProofException e) {
      return e.reason().name();
    }
  }
}
