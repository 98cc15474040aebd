package org.moralbank.ledger.checkpoint;

import static org.moralbank.ledger.checkpoint.VectorFile.Block;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.ProofTestRecords;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleFrontier;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.ProofVerifier;

/**
 * Writes docs/test-vectors once ({@code -Dmoralbank.writeVectors=true}); {@link TestVectorsTest}
 * then checks the library against the files. Ed25519 outputs are deterministic; SM2 signatures
 * are randomised, so regenerating changes those files (and only those).
 */
final class TestVectorGenerator {
  static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();
  static final long COSIGN_TIME = 1_700_000_000L;

  static final List<String> RFC_INPUTS = List.of(
      "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f");
  static final long[] COUNTER_SIZES = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 99, 100};

  private TestVectorGenerator() {}

  static List<byte[]> inputs(String tree) {
    List<byte[]> out = new ArrayList<>();
    if (tree.startsWith("rfc6962")) {
      for (String h : RFC_INPUTS) {
        out.add(HEX.decode(h));
      }
    } else {
      for (long i = 0; i < 100; i++) {
        out.add(ByteBuffer.allocate(8).putLong(i).array());
      }
    }
    return out;
  }

  static HashAlgorithm algorithm(String name) {
    for (HashAlgorithm a : HashAlgorithm.values()) {
      if (a.displayName().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(name);
  }

  static MerkleTree tree(String name) {
    HashAlgorithm alg = name.endsWith("sm3") ? HashAlgorithm.SM3 : HashAlgorithm.SHA_256;
    MerkleTree tree = MerkleTree.create(alg);
    for (byte[] input : inputs(name)) {
      tree.append(alg.leafHash(input));
    }
    return tree;
  }

  static void writeAll(Path dir) throws IOException {
    writeMerkle(dir);
    writeProofs(dir);
    writeKeys(dir);
    writeNotes(dir);
    writeReceipts(dir);
  }

  private static void writeMerkle(Path dir) throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (String name : List.of("rfc6962-sha256", "rfc6962-sm3", "counter-sha256", "counter-sm3")) {
      MerkleTree tree = tree(name);
      Block b = new Block().put("name", name).put("algorithm", tree.algorithm().displayName());
      List<byte[]> inputs = inputs(name);
      for (byte[] in : inputs) {
        b.put("input", HEX.encode(in));
      }
      for (int i = 0; i < inputs.size(); i++) {
        b.put("leaf-hash", tree.leafHash(i).hex());
      }
      List<Long> sizes = new ArrayList<>();
      if (name.startsWith("rfc6962")) {
        for (long s = 0; s <= 8; s++) {
          sizes.add(s);
        }
      } else {
        for (long s : COUNTER_SIZES) {
          sizes.add(s);
        }
      }
      for (long s : sizes) {
        b.put("root", s + " " + tree.root(s).hex());
      }
      for (long s : sizes) {
        MerkleFrontier f = MerkleFrontier.empty(tree.algorithm());
        for (long i = 0; i < s; i++) {
          f.append(tree.leafHash(i));
        }
        if (s == 0 || s == 7 || s == 8 || s == 99) {
          b.put("frontier", s + " " + HEX.encode(f.toBytes()));
        }
      }
      blocks.add(b);
    }
    VectorFile.write(dir.resolve("merkle.txt"), """
        RFC 6962 Merkle trees. Each block: the hash algorithm, the leaf inputs in hex (an empty
        "input" line is the empty string), the leaf hashes H(0x00 || input), the root at several
        sizes ("root <size> <hex>") and MerkleFrontier snapshot bytes, format version 1
        ("frontier <size> <hex>"). rfc6962-sha256 holds the published RFC 6962 reference values.
        counter-* trees have 100 leaves whose inputs are the 8-byte big-endian integers 0..99.""",
        blocks);
  }

  private static void writeProofs(Path dir) throws IOException {
    List<Block> inclusion = new ArrayList<>();
    List<Block> consistency = new ArrayList<>();
    MerkleTree rfc = tree("rfc6962-sha256");
    for (long n = 1; n <= 8; n++) {
      for (long i = 0; i < n; i++) {
        inclusion.add(inclusionBlock("rfc6962-sha256/" + i + "-in-" + n, "rfc6962-sha256", rfc,
            rfc.leafHash(i), rfc.inclusionProof(i, n), rfc.root(n)));
      }
      for (long m = 1; m <= n; m++) {
        consistency.add(consistencyBlock("rfc6962-sha256/" + m + "-to-" + n, "rfc6962-sha256",
            rfc.consistencyProof(m, n), rfc.root(m), rfc.root(n)));
      }
    }
    for (String name : List.of("rfc6962-sm3", "counter-sha256", "counter-sm3")) {
      MerkleTree t = tree(name);
      long n = t.size();
      for (long[] p : new long[][] {{0, n}, {n / 3, n}, {n - 1, n}, {n / 2, n - 1}, {1, 2}}) {
        inclusion.add(inclusionBlock(name + "/" + p[0] + "-in-" + p[1], name, t,
            t.leafHash(p[0]), t.inclusionProof(p[0], p[1]), t.root(p[1])));
      }
      for (long[] p : new long[][] {{1, n}, {n / 3, n}, {n - 1, n}, {n / 2, n - 1}, {n, n}}) {
        consistency.add(consistencyBlock(name + "/" + p[0] + "-to-" + p[1], name,
            t.consistencyProof(p[0], p[1]), t.root(p[0]), t.root(p[1])));
      }
    }
    // Corruptions of two inclusion and two consistency proofs.
    for (String name : List.of("rfc6962-sha256", "counter-sha256")) {
      MerkleTree t = tree(name);
      long n = name.startsWith("rfc") ? 8 : 100;
      long i = name.startsWith("rfc") ? 5 : 37;
      Hash leaf = t.leafHash(i);
      InclusionProof good = t.inclusionProof(i, n);
      List<Hash> path = good.path();
      String base = name + "/" + i + "-in-" + n + "/";
      for (int k = 0; k < path.size(); k++) {
        inclusion.add(inclusionBlock(base + "bit-flipped-in-path-" + k, null, t, leaf,
            new InclusionProof(i, n, with(path, k, flip(path.get(k)))), t.root(n)));
      }
      inclusion.add(inclusionBlock(base + "last-hash-missing", null, t, leaf,
          new InclusionProof(i, n, path.subList(0, path.size() - 1)), t.root(n)));
      inclusion.add(inclusionBlock(base + "first-hash-missing", null, t, leaf,
          new InclusionProof(i, n, path.subList(1, path.size())), t.root(n)));
      inclusion.add(inclusionBlock(base + "extra-hash-at-end", null, t, leaf,
          new InclusionProof(i, n, plus(path, path.size(), t.root(n))), t.root(n)));
      inclusion.add(inclusionBlock(base + "extra-hash-at-start", null, t, leaf,
          new InclusionProof(i, n, plus(path, 0, leaf)), t.root(n)));
      inclusion.add(inclusionBlock(base + "index-plus-one", null, t, leaf, new InclusionProof(i + 1, n, path), t.root(n)));
      inclusion.add(inclusionBlock(base + "index-minus-one", null, t, leaf, new InclusionProof(i - 1, n, path), t.root(n)));
      inclusion.add(inclusionBlock(base + "index-equals-size", null, t, leaf, new InclusionProof(n, n, path), t.root(n)));
      inclusion.add(inclusionBlock(base + "size-zero", null, t, leaf, new InclusionProof(i, 0, List.of()), t.root(0)));
      inclusion.add(inclusionBlock(base + "size-minus-one-with-its-root", null, t, leaf,
          new InclusionProof(i, n - 1, path), t.root(n - 1)));
      inclusion.add(inclusionBlock(base + "wrong-leaf", null, t, t.leafHash(i - 1), good, t.root(n)));
      inclusion.add(inclusionBlock(base + "wrong-root", null, t, leaf, good, t.root(n - 1)));

      long m = name.startsWith("rfc") ? 6 : 37;
      ConsistencyProof cgood = t.consistencyProof(m, n);
      List<Hash> cpath = cgood.path();
      Hash r1 = t.root(m);
      Hash r2 = t.root(n);
      String cbase = name + "/" + m + "-to-" + n + "/";
      for (int k = 0; k < cpath.size(); k++) {
        consistency.add(consistencyBlock(cbase + "bit-flipped-in-path-" + k, null,
            new ConsistencyProof(m, n, with(cpath, k, flip(cpath.get(k)))), r1, r2));
      }
      consistency.add(consistencyBlock(cbase + "last-hash-missing", null,
          new ConsistencyProof(m, n, cpath.subList(0, cpath.size() - 1)), r1, r2));
      consistency.add(consistencyBlock(cbase + "extra-hash-at-end", null,
          new ConsistencyProof(m, n, plus(cpath, cpath.size(), r2)), r1, r2));
      consistency.add(consistencyBlock(cbase + "first-root-prepended", null,
          new ConsistencyProof(m, n, plus(cpath, 0, r1)), r1, r2));
      consistency.add(consistencyBlock(cbase + "roots-swapped", null, cgood, r2, r1));
      consistency.add(consistencyBlock(cbase + "empty-path", null, new ConsistencyProof(m, n, List.of()), r1, r2));
      consistency.add(consistencyBlock(cbase + "size1-minus-one-with-its-root", null,
          new ConsistencyProof(m - 1, n, cpath), t.root(m - 1), r2));
      consistency.add(consistencyBlock(cbase + "sizes-reversed", null, new ConsistencyProof(n, m, cpath), r2, r1));
      consistency.add(consistencyBlock(cbase + "from-empty-tree", null, new ConsistencyProof(0, n, List.of()), t.root(0), r2));
      consistency.add(consistencyBlock(cbase + "equal-sizes-with-a-hash", null,
          new ConsistencyProof(n, n, List.of(r2)), r2, r2));
      consistency.add(consistencyBlock(cbase + "equal-sizes-other-root", null,
          new ConsistencyProof(n, n, List.of()), r2, r1));
    }
    VectorFile.write(dir.resolve("inclusion.txt"), """
        RFC 9162 inclusion proofs. Each block: the hash algorithm, leaf index, tree size, leaf hash,
        expected root, the path (leaf's sibling first) and the verdict: "ok", or the reason
        moralbank's ProofVerifier gives (any rejection is correct for another verifier). "tree"
        names the merkle.txt tree that produced an "ok" proof: a producer must give the same path.""",
        inclusion);
    VectorFile.write(dir.resolve("consistency.txt"), """
        RFC 9162 consistency proofs. Each block: the hash algorithm, size1, size2, root1, root2,
        the path and the verdict, as in inclusion.txt. moralbank refuses proofs from size 0
        (EMPTY_FIRST_TREE) and requires an empty path between equal sizes.""",
        consistency);
  }

  private static Block inclusionBlock(String name, String tree, MerkleTree t, Hash leaf, InclusionProof proof, Hash root) {
    Block b = new Block().put("name", name).put("algorithm", t.algorithm().displayName());
    if (tree != null) {
      b.put("tree", tree);
    }
    b.put("leaf-index", proof.leafIndex()).put("tree-size", proof.treeSize())
        .put("leaf-hash", leaf.hex()).put("root", root.hex());
    for (Hash h : proof.path()) {
      b.put("path", h.hex());
    }
    return b.put("expect", verdict(() -> ProofVerifier.verifyInclusion(t.algorithm(), leaf, proof, root), tree != null));
  }

  private static Block consistencyBlock(String name, String tree, ConsistencyProof proof, Hash r1, Hash r2) {
    HashAlgorithm alg = name.contains("sm3") ? HashAlgorithm.SM3 : HashAlgorithm.SHA_256;
    Block b = new Block().put("name", name).put("algorithm", alg.displayName());
    if (tree != null) {
      b.put("tree", tree);
    }
    b.put("size1", proof.size1()).put("size2", proof.size2()).put("root1", r1.hex()).put("root2", r2.hex());
    for (Hash h : proof.path()) {
      b.put("path", h.hex());
    }
    return b.put("expect", verdict(() -> ProofVerifier.verifyConsistency(alg, proof, r1, r2), tree != null));
  }

  private static String verdict(Runnable check, boolean mustPass) {
    try {
      check.run();
    } catch (ProofException e) {
      if (mustPass) {
        throw new AssertionError("a genuine proof failed", e);
      }
      return e.reason().name();
    }
    if (!mustPass) {
      throw new AssertionError("a corrupted proof verified");
    }
    return "ok";
  }

  static Hash flip(Hash h) {
    byte[] b = h.toByteArray();
    b[0] ^= 1;
    return Hash.of(b);
  }

  private static List<Hash> with(List<Hash> path, int k, Hash h) {
    List<Hash> out = new ArrayList<>(path);
    out.set(k, h);
    return out;
  }

  private static List<Hash> plus(List<Hash> path, int k, Hash h) {
    List<Hash> out = new ArrayList<>(path);
    out.add(k, h);
    return out;
  }

  private static void writeKeys(Path dir) throws IOException {
    List<Block> blocks = new ArrayList<>();
    Object[][] keys = {
        {"log-ed25519", TestKeys.log(), TestKeys.LOG_LABEL},
        {"witness-1-cosignature", TestKeys.witness(), TestKeys.WITNESS_LABEL},
        {"witness-2-cosignature", TestKeys.witness2(), TestKeys.WITNESS2_LABEL},
        {"log-sm2", TestKeys.sm2Log(), TestKeys.SM2_LOG_LABEL},
    };
    for (Object[] k : keys) {
      String name = (String) k[0];
      SigningKey key = (SigningKey) k[1];
      VerifierKey v = key.verifierKey();
      Block b = new Block().put("name", name).put("type", key.type()).put("key-name", key.name())
          .put("seed-label", k[2]);
      if (key.type() == SignatureType.SM2_SM3) {
        b.put("derivation", "private scalar = SHA-256(seed-label) mod (n - 1) + 1");
      } else {
        b.put("derivation", "Ed25519 seed = SHA-256(seed-label)");
        b.put("seed", HEX.encode(TestKeys.sha256((String) k[2])));
      }
      b.put("public-key", HEX.encode(v.publicKey()))
          .put("type-identifier", HEX.encode(key.type().identifier()))
          .put("key-id", v.keyIdHex())
          .put("vkey", v.encode())
          .put("private-pem", "keys/" + name + ".pkcs8.pem")
          .put("public-pem", "keys/" + name + ".spki.pem");
      Files.createDirectories(dir.resolve("keys"));
      Files.writeString(dir.resolve("keys/" + name + ".pkcs8.pem"), key.toPkcs8Pem());
      Files.writeString(dir.resolve("keys/" + name + ".spki.pem"), v.toSpkiPem());
      blocks.add(b);
    }
    VectorFile.write(dir.resolve("keys.txt"), """
        Deterministic TEST keys (public seeds: never use them for anything real). The key id is
        SHA-256(key-name || 0x0A || type-identifier || public-key)[:4]; the vkey is
        key-name + "+" + key-id + "+" + base64(type-identifier || public-key).""",
        blocks);
  }

  /** The journal, tree and cosigned checkpoint of branch 1 (SHA-256, Ed25519 log key). */
  static final class Branch {
    final HashAlgorithm algorithm;
    final List<byte[]> records;
    final MerkleTree tree;
    final SignedNote signed;
    final SignedNote cosigned;

    Branch(HashAlgorithm algorithm, SigningKey logKey, String bank) {
      this.algorithm = algorithm;
      records = ProofTestRecords.journal(algorithm, bank, "branch-1", 13);
      tree = MerkleTree.create(algorithm);
      for (byte[] r : records) {
        tree.append(algorithm.leafHash(r));
      }
      signed = new CheckpointSigner(logKey, algorithm, Optional.empty()).sign(tree);
      cosigned = new Witness(TestKeys.witness(),
          List.of(new WitnessedLog(logKey.name(), logKey.verifierKey(), algorithm)), List.of(),
          Clock.fixed(Instant.ofEpochSecond(COSIGN_TIME), ZoneOffset.UTC)).cosign(signed);
    }
  }

  private static void writeNotes(Path dir) throws IOException {
    Branch b1 = new Branch(HashAlgorithm.SHA_256, TestKeys.log(), "bank-1");
    Branch b2 = new Branch(HashAlgorithm.SM3, TestKeys.sm2Log(), "bank-2");
    String log = TestKeys.log().verifierKey().encode();
    String w1 = TestKeys.witness().verifierKey().encode();
    String w2 = TestKeys.witness2().verifierKey().encode();
    String sm2 = TestKeys.sm2Log().verifierKey().encode();
    String good = b1.cosigned.encode();
    List<Block> blocks = new ArrayList<>();
    note(dir, blocks, "checkpoint-ed25519", b1.signed.encode(), List.of(log));
    note(dir, blocks, "checkpoint-ed25519-cosigned", good, List.of(log));
    note(dir, blocks, "checkpoint-ed25519-cosigned", good, List.of(w1));
    note(dir, blocks, "checkpoint-ed25519-cosigned", good, List.of(log, w1, w2));
    note(dir, blocks, "checkpoint-ed25519-cosigned", good, List.of(w2));
    note(dir, blocks, "checkpoint-sm2-cosigned", b2.cosigned.encode(), List.of(sm2, w1));
    note(dir, blocks, "go-sumdb-note-example", SignedNoteTest.PETER_NOTE, List.of(SignedNoteTest.PETER_VKEY));

    String root = b1.tree.root().base64();
    note(dir, blocks, "corrupt-root-changed", good.replace(root, b1.tree.root(12).base64()), List.of(log));
    note(dir, blocks, "corrupt-size-changed", good.replace("\n13\n", "\n14\n"), List.of(log));
    note(dir, blocks, "corrupt-extension-line-added", good.replace(root + "\n", root + "\nextra\n"), List.of(log));
    note(dir, blocks, "corrupt-log-signature-bit", flipSignatureByte(good, 0, 10), List.of(log));
    note(dir, blocks, "corrupt-log-key-id", flipSignatureByte(good, 0, 0), List.of(log));
    note(dir, blocks, "corrupt-cosignature-timestamp", flipSignatureByte(good, 1, 11), List.of(w1));
    note(dir, blocks, "corrupt-sm2-signature-byte", flipSignatureByte(b2.cosigned.encode(), 0, 20), List.of(sm2));
    note(dir, blocks, "corrupt-hyphen-not-em-dash", good.replace("\u2014 ", "- "), List.of(log));
    note(dir, blocks, "corrupt-no-empty-line", good.replace("\n\n", "\n"), List.of(log));
    note(dir, blocks, "corrupt-crlf", good.replace("\n", "\r\n"), List.of(log));
    String logLine = b1.cosigned.signatures().get(0).line();
    if (!logLine.endsWith("=\n")) {
      throw new AssertionError("the log signature line has no padding to remove");
    }
    note(dir, blocks, "corrupt-unpadded-signature", good.replace(logLine, logLine.replace("=\n", "\n")), List.of(log));
    String zeros = TestKeys.LOG_NAME + "\n013\n" + root + "\n";
    note(dir, blocks, "signed-but-size-has-leading-zero", SignedNote.sign(zeros, TestKeys.log()).encode(), List.of(log));
    VectorFile.write(dir.resolve("notes.txt"), """
        Signed notes and checkpoints. Each block: the note file, the trusted verifier keys, the
        verdict in this order of checks: MALFORMED (not a signed note), NO_TRUSTED_SIGNATURE,
        BAD_SIGNATURE (a trusted key's line does not verify: the whole note is rejected),
        MALFORMED_CHECKPOINT (signed, but the text is not a checkpoint), or ok with the keys that
        verified and the checkpoint's fields. Cosignatures were made at time 1700000000.""",
        blocks);
  }

  private static String flipSignatureByte(String note, int line, int byteIndex) {
    SignedNote parsed = SignedNote.parse(note);
    NoteSignature s = parsed.signatures().get(line);
    byte[] all = ByteBuffer.allocate(4 + s.signature().length).putInt(s.keyId()).put(s.signature()).array();
    all[byteIndex] ^= 1;
    String oldLine = s.line();
    String newLine = NoteText.SIGNATURE_PREFIX + s.keyName() + " " + BaseEncoding.base64().encode(all) + "\n";
    return note.replace(oldLine, newLine);
  }

  private static void note(Path dir, List<Block> blocks, String name, String text, List<String> trusted) throws IOException {
    String file = "notes/" + name + ".note";
    Files.createDirectories(dir.resolve("notes"));
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    Block b = new Block().put("name", name + "/" + blocks.size()).put("file", file).putAll("trusted", trusted);
    List<VerifierKey> keys = new ArrayList<>();
    for (String t : trusted) {
      keys.add(VerifierKey.parse(t));
    }
    String verdict;
    try {
      SignedNote note = SignedNote.parse(text);
      b.putAll("verified", note.verify(keys));
      Checkpoint c = Checkpoint.parse(note.text());
      b.put("origin", c.origin()).put("size", c.size()).put("root", c.rootHash().base64());
      verdict = "ok";
    } catch (MalformedNoteException e) {
      verdict = isParseable(text) ? "MALFORMED_CHECKPOINT" : "MALFORMED";
    } catch (SignatureVerificationException e) {
      verdict = e.reason().name();
    }
    b.put("expect", verdict);
    blocks.add(b);
  }

  private static boolean isParseable(String text) {
    try {
      SignedNote.parse(text);
      return true;
    } catch (MalformedNoteException e) {
      return false;
    }
  }

  private static void writeReceipts(Path dir) throws IOException {
    Branch b1 = new Branch(HashAlgorithm.SHA_256, TestKeys.log(), "bank-1");
    Branch b2 = new Branch(HashAlgorithm.SM3, TestKeys.sm2Log(), "bank-2");
    List<String> witnesses = List.of(TestKeys.witness().verifierKey().encode(), TestKeys.witness2().verifierKey().encode());
    String log = TestKeys.log().verifierKey().encode();
    String sm2 = TestKeys.sm2Log().verifierKey().encode();
    List<Block> blocks = new ArrayList<>();
    Supplier<Receipt> r6 = () -> Receipt.issue(b1.tree, b1.records.get(6), b1.cosigned);
    receipt(dir, blocks, "sha256-record-0", Receipt.issue(b1.tree, b1.records.get(0), b1.cosigned).encode(), log, witnesses, 1);
    receipt(dir, blocks, "sha256-record-6", r6.get().encode(), log, witnesses, 1);
    receipt(dir, blocks, "sha256-record-12", Receipt.issue(b1.tree, b1.records.get(12), b1.cosigned).encode(), log, witnesses, 1);
    receipt(dir, blocks, "sm3-sm2-record-5", Receipt.issue(b2.tree, b2.records.get(5), b2.cosigned).encode(), sm2, witnesses, 1);

    String good = r6.get().encode();
    byte[] flipped = b1.records.get(6).clone();
    flipped[flipped.length - 1] ^= 1;
    receipt(dir, blocks, "corrupt-record-byte", Receipt.of(b1.algorithm, flipped, r6.get().proof(), b1.cosigned).encode(), log, witnesses, 1);
    receipt(dir, blocks, "corrupt-record-not-a-record",
        Receipt.of(b1.algorithm, "not a record".getBytes(StandardCharsets.UTF_8), r6.get().proof(), b1.cosigned).encode(), log, witnesses, 1);
    receipt(dir, blocks, "corrupt-record-of-another-sequence",
        Receipt.of(b1.algorithm, b1.records.get(7), r6.get().proof(), b1.cosigned).encode(), log, witnesses, 1);
    InclusionProof p = r6.get().proof();
    receipt(dir, blocks, "corrupt-path-bit",
        Receipt.of(b1.algorithm, b1.records.get(6), new InclusionProof(6, p.treeSize(), with(p.path(), 1, flip(p.path().get(1)))), b1.cosigned).encode(),
        log, witnesses, 1);
    receipt(dir, blocks, "corrupt-path-hash-missing",
        Receipt.of(b1.algorithm, b1.records.get(6), new InclusionProof(6, p.treeSize(), p.path().subList(0, p.path().size() - 1)), b1.cosigned).encode(),
        log, witnesses, 1);
    receipt(dir, blocks, "corrupt-hash-algorithm", good.replace("hash-algorithm SHA-256", "hash-algorithm SM3"), log, witnesses, 1);
    receipt(dir, blocks, "corrupt-checkpoint-size", good.replace("\n13\n", "\n14\n"), log, witnesses, 1);
    receipt(dir, blocks, "untrusted-log-key", good, sm2, witnesses, 1);
    receipt(dir, blocks, "log-signature-removed", r6.get().withSignedCheckpoint(
        SignedNote.of(b1.cosigned.text(), List.of(b1.cosigned.signatures().get(1)))).encode(), log, witnesses, 1);
    receipt(dir, blocks, "cosignature-removed", r6.get().withSignedCheckpoint(b1.signed).encode(), log, witnesses, 1);
    receipt(dir, blocks, "cosignature-removed-no-quorum", r6.get().withSignedCheckpoint(b1.signed).encode(), log, witnesses, 0);
    receipt(dir, blocks, "quorum-of-two", good, log, witnesses, 2);
    receipt(dir, blocks, "corrupt-version", good.replace("moralbank-receipt/v1", "moralbank-receipt/v9"), log, witnesses, 1);
    receipt(dir, blocks, "corrupt-leaf-index-leading-zero", good.replace("leaf-index 6", "leaf-index 06"), log, witnesses, 1);
    VectorFile.write(dir.resolve("receipts.txt"), """
        Receipts (format moralbank-receipt/v1). Each block: the receipt file, the trusted log key,
        the trusted witness keys, the witness quorum and the verdict: ok (with the record's
        sequence and the checkpoint size) or the first failed check in this order: MALFORMED,
        LOG_SIGNATURE, WITNESS_SIGNATURES, RECORD_MALFORMED, RECORD_SEQUENCE_MISMATCH,
        INCLUSION_PROOF.""",
        blocks);
  }

  private static void receipt(Path dir, List<Block> blocks, String name, String text, String logKey,
      List<String> witnesses, int quorum) throws IOException {
    String file = "receipts/" + name + ".receipt";
    Files.createDirectories(dir.resolve("receipts"));
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    Block b = new Block().put("name", name + "/" + quorum).put("file", file).put("log-key", logKey)
        .putAll("witness-key", witnesses).put("witness-quorum", quorum);
    try {
      VerifiedReceipt v = ReceiptVerifier.verify(text, trusted(logKey, witnesses, quorum));
      b.put("record-sequence", v.record().sequence()).put("checkpoint-size", v.checkpoint().size());
      b.put("expect", "ok");
    } catch (InvalidReceiptException e) {
      b.put("expect", e.reason().name());
    }
    blocks.add(b);
  }

  static TrustedKeys trusted(String logKey, List<String> witnesses, int quorum) {
    java.util.Set<VerifierKey> w = new java.util.HashSet<>();
    for (String s : witnesses) {
      w.add(VerifierKey.parse(s));
    }
    return new TrustedKeys(java.util.Set.of(VerifierKey.parse(logKey)), w, quorum);
  }
}
