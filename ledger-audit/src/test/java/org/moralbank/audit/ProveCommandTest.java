package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.ConsistencyProof;
import org.moralbank.ledger.proof.InclusionProof;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.proof.ProofException;
import org.moralbank.ledger.proof.ProofVerifier;
import org.moralbank.ledger.store.JournalRecord;

class ProveCommandTest {
  @TempDir Path tmp;

  private Path journal;
  private MerkleTree tree;

  @BeforeEach
  void writeJournal() throws IOException {
    journal = tmp.resolve("journal");
    Fixture.write(journal);
    tree = MerkleTree.create(HashAlgorithm.SHA_256);
    for (JournalRecord r : Fixture.records(journal)) {
      tree.append(HashAlgorithm.SHA_256.leafHash(r.bytes()));
    }
  }

  @Test
  void anInclusionProofLeadsFromTheRecordToTheRoot() {
    Cli.Run run = Cli.run("prove", "inclusion", "--index", 7, journal);

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode p = run.json();
    assertEquals("moralbank-inclusion-proof", p.get("format").asText());
    assertEquals(1, p.get("version").asInt());
    assertEquals(7, p.get("leafIndex").asLong());
    assertEquals(tree.size(), p.get("treeSize").asLong());
    assertEquals(tree.leafHash(7).base64(), p.get("leafHash").asText());
    assertEquals(tree.root().base64(), p.get("root").asText());
    InclusionProof proof = new InclusionProof(7, tree.size(), hashes(p.get("path")));
    ProofVerifier.verifyInclusion(HashAlgorithm.SHA_256, tree.leafHash(7), proof, tree.root());
    assertThrows(ProofException.class, () -> ProofVerifier.verifyInclusion(
        HashAlgorithm.SHA_256, tree.leafHash(8), proof, tree.root()));
  }

  @Test
  void anInclusionProofAtAnOlderSize() {
    Cli.Run run = Cli.run("prove", "inclusion", "--index", 3, "--size", 10, journal);

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode p = run.json();
    assertEquals(tree.root(10).base64(), p.get("root").asText());
    ProofVerifier.verifyInclusion(HashAlgorithm.SHA_256, tree.leafHash(3),
        new InclusionProof(3, 10, hashes(p.get("path"))), tree.root(10));
  }

  @Test
  void aConsistencyProofLinksTwoSizes() throws IOException {
    Path file = tmp.resolve("proof.json");
    Cli.Run run = Cli.run("prove", "consistency", "--from", 5, "--to", 17, journal, "-o", file);

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode p = ExportFormat.MAPPER.readTree(Files.readString(file));
    assertEquals("moralbank-consistency-proof", p.get("format").asText());
    assertEquals(tree.root(5).base64(), p.get("root1").asText());
    assertEquals(tree.root(17).base64(), p.get("root2").asText());
    ConsistencyProof proof = ProofFormat.parseConsistency(Files.readString(file));
    assertEquals(5, proof.size1());
    assertEquals(17, proof.size2());
    ProofVerifier.verifyConsistency(HashAlgorithm.SHA_256, proof, tree.root(5), tree.root(17));
  }

  @Test
  void aConsistencyProofToTheWholeJournalByDefault() {
    Cli.Run run = Cli.run("prove", "consistency", "--from", 1, journal);

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertEquals(tree.size(), run.json().get("size2").asLong());
    assertEquals(tree.root().base64(), run.json().get("root2").asText());
  }

  @Test
  void impossibleSizesAreRefused() {
    assertEquals(Exit.USAGE, Cli.run("prove", "inclusion", "--index", 99, journal).exit());
    assertEquals(Exit.USAGE, Cli.run("prove", "inclusion", "--index", -1, journal).exit());
    assertEquals(Exit.USAGE, Cli.run("prove", "consistency", "--from", 0, journal).exit());
    assertEquals(Exit.USAGE, Cli.run("prove", "consistency", "--from", 9, "--to", 5, journal).exit());
    assertEquals(Exit.USAGE, Cli.run("prove", journal).exit());
    Cli.Run tooFar = Cli.run("prove", "consistency", "--from", 2, "--to", 1000, journal);
    assertEquals(Exit.INTEGRITY_FAILURE, tooFar.exit(), "the journal does not reach 1000");
    assertTrue(tooFar.err().contains("has " + tree.size() + " records"), tooFar.err());
  }

  @Test
  void noProofFromAnUnsoundJournal() throws IOException {
    List<JournalRecord> records = Fixture.records(journal);
    VerifyCommandTest.flip(VerifyCommandTest.segments(journal).get(0),
        VerifyCommandTest.frameOffset(records, 2) + 85);

    Cli.Run run = Cli.run("prove", "inclusion", "--index", 1, journal);

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertEquals("", run.out());
  }

  static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(h -> out.add(Hash.of(BaseEncoding.base64().decode(h.asText()))));
    return out;
  }
}
