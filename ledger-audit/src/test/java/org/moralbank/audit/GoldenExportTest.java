package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed golden export, format version 1 ({@code golden/export-v1.jsonl}), with the proof
 * files and CSV statements of the same journal: made once from {@link Fixture} with its fixed
 * clock, then read back by every build. If the fixture or the
 * format changes on purpose, regenerate it with
 * {@code mvn -pl ledger-audit -am test -Dtest=GoldenExportTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmoralbank.golden.write=true} and bump the format version if old exports no longer verify.
 */
class GoldenExportTest {
  static final String RESOURCE = "/golden/export-v1.jsonl";
  static final Path SOURCE = Path.of("src/test/resources/golden/export-v1.jsonl");
  /** Pinned: the journal the golden file holds. */
  static final long RECORDS = 23;
  static final String HEAD = "2804029c0e50c595cfbe1e4783fd5ce4b07f696f1be696d5bf0467caf8a8e382";
  static final String ROOT = "cfgSK38BgbNi3UqA09FqzmtXISuxbVJLmsVpL4KTrxs=";

  @TempDir Path tmp;

  private Path golden() throws IOException {
    Path file = tmp.resolve("golden.jsonl");
    try (InputStream in = GoldenExportTest.class.getResourceAsStream(RESOURCE)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void theGoldenExportVerifies() throws IOException {
    Cli.Run run = Cli.run("verify", golden(), "--json");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode j = run.json();
    assertEquals("export", j.get("kind").asText());
    assertEquals(RECORDS, j.get("records").asLong());
    assertEquals(HEAD, j.get("head").asText());
    assertEquals(ROOT, j.get("root").asText());
  }

  @Test
  void theFixtureStillExportsToTheGoldenBytes() throws IOException {
    Path journal = tmp.resolve("journal");
    Fixture.write(journal);
    Path export = tmp.resolve("export.jsonl");
    assertEquals(Exit.SOUND, Cli.run("export", journal, "-o", export).exit());

    assertArrayEquals(Files.readAllBytes(golden()), Files.readAllBytes(export));
  }

  @Test
  void theGoldenExportHoldsEveryRecordType() throws IOException {
    String text = Files.readString(golden());
    for (String type : new String[] {"genesis", "account-opened", "account-status-changed",
        "transfers", "note", "expired"}) {
      assertTrue(text.contains("\"type\":\"" + type + "\""), type);
    }
    for (String kind : new String[] {"single", "pending", "post-pending", "void-pending"}) {
      assertTrue(text.contains("\"kind\":\"" + kind + "\""), kind);
    }
    assertTrue(text.contains("\"rejection\":{\"index\":1,\"reason\":\"insufficient-balance\""));
  }

  /**
   * The other files the tool writes, made from the same fixture: proof files version 1 and the
   * CSV statements (their columns are a format too).
   */
  static final String[][] PRODUCTS = {
      {"inclusion-proof-v1.json", "prove", "inclusion", "--index", "8", "--size", "20"},
      {"consistency-proof-v1.json", "prove", "consistency", "--from", "7", "--to", "20"},
      {"statement-account-v1.csv", "statement", "--account", Fixture.ALICE.toString()},
      {"statement-branch-v1.csv", "statement", "--branch"},
  };

  @Test
  void theFixtureStillGivesTheGoldenProofsAndStatements() throws IOException {
    Path journal = tmp.resolve("journal");
    Fixture.write(journal);
    for (String[] product : PRODUCTS) {
      Path out = tmp.resolve(product[0]);
      Cli.Run run = Cli.run(args(product, journal, out));
      assertEquals(Exit.SOUND, run.exit(), run.toString());
      try (InputStream in = GoldenExportTest.class.getResourceAsStream("/golden/" + product[0])) {
        assertArrayEquals(in.readAllBytes(), Files.readAllBytes(out), product[0]);
      }
    }
  }

  @Test
  void theGoldenConsistencyProofVerifies() throws IOException {
    try (InputStream in = GoldenExportTest.class.getResourceAsStream(
        "/golden/consistency-proof-v1.json")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      JsonNode j = ExportFormat.MAPPER.readTree(text);
      org.moralbank.ledger.proof.ProofVerifier.verifyConsistency(
          org.moralbank.ledger.HashAlgorithm.SHA_256, ProofFormat.parseConsistency(text),
          ProveCommandTest.hashes(ExportFormat.MAPPER.createArrayNode().add(j.get("root1"))).get(0),
          ProveCommandTest.hashes(ExportFormat.MAPPER.createArrayNode().add(j.get("root2"))).get(0));
    }
  }

  private static Object[] args(String[] product, Path journal, Path out) {
    java.util.List<Object> args = new java.util.ArrayList<>();
    for (int i = 1; i < product.length; i++) {
      args.add(product[i]);
    }
    args.add(journal);
    args.add("-o");
    args.add(out);
    return args.toArray();
  }

  @Test
  @EnabledIfSystemProperty(named = "moralbank.golden.write", matches = "true")
  void writeGolden() throws IOException {
    Path journal = tmp.resolve("journal");
    Fixture.write(journal);
    Files.createDirectories(SOURCE.getParent());
    Cli.Run run = Cli.run("export", journal, "-o", SOURCE.toAbsolutePath());
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    for (String[] product : PRODUCTS) {
      Path target = SOURCE.resolveSibling(product[0]).toAbsolutePath();
      Cli.Run made = Cli.run(args(product, journal, target));
      assertEquals(Exit.SOUND, made.exit(), made.toString());
    }
  }
}
