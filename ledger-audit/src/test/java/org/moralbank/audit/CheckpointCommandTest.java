package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.checkpoint.Checkpoint;
import org.moralbank.ledger.checkpoint.Receipt;
import org.moralbank.ledger.checkpoint.SignedNote;
import org.moralbank.ledger.checkpoint.VerifierKey;
import org.moralbank.storage.file.FileJournalStore;

/**
 * The whole trust chain through the tool: keys, a signed checkpoint, a witness's cosignature,
 * verify against them, a receipt, and signing again after the journal grew.
 */
class CheckpointCommandTest {
  static final String ORIGIN = "bank.example/test-bank/branch-1";
  static final String WITNESS = "street-office.example/witness";

  @TempDir Path tmp;

  private Path journal;
  private Fixture.Written written;
  private Path logKey;
  private String logVkey;
  private Path witnessKey;
  private String witnessVkey;

  @BeforeEach
  void setUp() throws IOException {
    journal = tmp.resolve("journal");
    written = Fixture.write(journal);
    logKey = tmp.resolve("log.pem");
    witnessKey = tmp.resolve("witness.pem");
    Cli.Run log = Cli.run("key", "generate", "--name", ORIGIN, "-o", logKey);
    assertEquals(Exit.SOUND, log.exit(), log.toString());
    logVkey = log.out().strip();
    Cli.Run w = Cli.run("key", "generate", "--name", WITNESS, "--type", "cosignature", "-o",
        witnessKey);
    assertEquals(Exit.SOUND, w.exit(), w.toString());
    witnessVkey = w.out().strip();
  }

  private Path sign(String name) {
    Path file = tmp.resolve(name);
    Cli.Run run = Cli.run("checkpoint", "sign", journal, "--key-file", logKey, "--name", ORIGIN,
        "-o", file);
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    return file;
  }

  private Path cosign(Path checkpoint, String name, Object... more) {
    Path file = tmp.resolve(name);
    List<Object> args = new java.util.ArrayList<>(List.of("checkpoint", "cosign", checkpoint,
        "--key-file", witnessKey, "--name", WITNESS, "--log", logVkey, "-o", file));
    args.addAll(List.of(more));
    Cli.Run run = Cli.run(args.toArray());
    assertEquals(Exit.SOUND, run.exit(), run.toString());
    return file;
  }

  @Test
  void keysAreWrittenForTheirOwnerOnlyAndPrintTheirVerifierKey() throws IOException {
    assertEquals(ORIGIN, VerifierKey.parse(logVkey).name());
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(logKey));
    Cli.Run vkey = Cli.run("key", "vkey", "--key-file", logKey, "--name", ORIGIN);
    assertEquals(logVkey, vkey.out().strip());
    assertEquals(Exit.USAGE, Cli.run("key", "generate", "--name", ORIGIN, "-o", logKey).exit(),
        "never overwrites a key");
  }

  @Test
  void unusableKeysAreRefusedBeforeAnythingIsSigned() throws IOException {
    Path notAKey = Files.writeString(tmp.resolve("not-a-key.pem"), "hello\n");
    Cli.Run garbage = Cli.run("checkpoint", "sign", journal, "--key-file", notAKey, "--name", ORIGIN);
    assertEquals(Exit.CANNOT_CHECK, garbage.exit(), garbage.toString());
    assertTrue(garbage.err().contains("unusable key"), garbage.err());

    Cli.Run badName = Cli.run("checkpoint", "sign", journal, "--key-file", logKey, "--name",
        "two words");
    assertEquals(Exit.USAGE, badName.exit(), badName.toString());

    Cli.Run witnessKeyAsLog = Cli.run("checkpoint", "sign", journal, "--key-file", witnessKey,
        "--name", WITNESS, "--type", "cosignature");
    assertEquals(Exit.USAGE, witnessKeyAsLog.exit(), witnessKeyAsLog.toString());
    assertEquals("", witnessKeyAsLog.out());
  }

  @Test
  void aSignedCheckpointIsOfTheWholeVerifiedJournal() throws IOException {
    Path cp = sign("cp1");

    Checkpoint c = Checkpoint.parse(SignedNote.parse(Files.readString(cp)).text());
    assertEquals(ORIGIN, c.origin());
    assertEquals(written.size(), c.size());
    JsonNode verified = Cli.run("verify", journal, "--json").json();
    assertEquals(verified.get("root").asText(), c.rootHash().base64());

    Cli.Run show = Cli.run("checkpoint", "show", cp, "--key", logVkey);
    assertEquals(Exit.SOUND, show.exit(), show.toString());
    assertTrue(show.out().contains("SIGNATURES SOUND"), show.out());
  }

  @Test
  void verifyChecksTheCheckpointSignaturesAndRoot() {
    Path cp = cosign(sign("cp1"), "cp1w");

    Cli.Run run = Cli.run("verify", journal, "--checkpoint", cp, "--key", logVkey, "--witness",
        witnessVkey, "--json");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode c = run.json().get("checkpoint");
    assertTrue(c.get("signaturesSound").asBoolean());
    assertTrue(c.get("rootMatches").asBoolean());
    assertEquals(logVkey, c.get("logKeys").get(0).asText());
    assertEquals(witnessVkey, c.get("witnesses").get(0).asText());

    Cli.Run human = Cli.run("verify", journal, "--checkpoint", cp, "--key", logVkey);
    assertTrue(human.out().contains("the journal has this root at this size"), human.out());
  }

  @Test
  void aCheckpointFromAnotherKeyOrWithoutTheWitnessIsRefused() throws IOException {
    Path cp = sign("cp1");
    Path other = tmp.resolve("other.pem");
    String otherVkey = Cli.run("key", "generate", "--name", ORIGIN, "-o", other).out().strip();

    Cli.Run wrongKey = Cli.run("verify", journal, "--checkpoint", cp, "--key", otherVkey, "--json");
    assertEquals(Exit.INTEGRITY_FAILURE, wrongKey.exit(), wrongKey.toString());
    assertEquals("CHECKPOINT_SIGNATURE",
        wrongKey.json().get("failure").get("problem").asText());

    Cli.Run noWitness = Cli.run("verify", journal, "--checkpoint", cp, "--key", logVkey,
        "--witness", witnessVkey, "--json");
    assertEquals(Exit.INTEGRITY_FAILURE, noWitness.exit(), noWitness.toString());
    assertEquals("WITNESS_QUORUM", noWitness.json().get("failure").get("problem").asText());

    Cli.Run quorumZero = Cli.run("verify", journal, "--checkpoint", cp, "--key", logVkey,
        "--witness", witnessVkey, "--quorum", 0);
    assertEquals(Exit.SOUND, quorumZero.exit(), quorumZero.toString());

    Cli.Run show = Cli.run("checkpoint", "show", cp, "--key", otherVkey);
    assertEquals(Exit.INTEGRITY_FAILURE, show.exit());
  }

  @Test
  void aJournalCutBelowTheCheckpointIsTruncated() throws IOException {
    Path cp = sign("cp1");
    Path segment = VerifyCommandTest.segments(journal).get(0);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }

    Cli.Run run = Cli.run("verify", journal, "--checkpoint", cp, "--key", logVkey, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("TRUNCATED", f.get("problem").asText());
    assertEquals(written.size() - 1, f.get("sequence").asLong());
    assertFalse(run.json().get("checkpoint").get("rootMatches").asBoolean());
  }

  @Test
  void aCheckpointOfAnotherHistoryHasAnotherRoot() throws IOException {
    Path cp = sign("cp1");
    Path grown = tmp.resolve("grown");
    Fixture.write(grown);
    Fixture.grow(grown, 2);
    assertEquals(Exit.SOUND, Cli.run("verify", grown, "--checkpoint", cp, "--key", logVkey).exit(),
        "a journal that only grew still has the checkpoint's root at its size");

    Path other = tmp.resolve("other");
    otherHistory(other, (int) written.size() + 3);
    Cli.Run run = Cli.run("verify", other, "--checkpoint", cp, "--key", logVkey, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("ANCHOR_MISMATCH", f.get("problem").asText());
    assertEquals(written.size() - 1, f.get("sequence").asLong());
    assertFalse(run.json().get("sound").asBoolean());
  }

  @Test
  void aReceiptProvesARecordOffline() throws IOException {
    Path cp = cosign(sign("cp1"), "cp1w");
    Path receipt = tmp.resolve("receipt.txt");

    Cli.Run prove = Cli.run("prove", "inclusion", "--index", 8, "--checkpoint", cp, journal, "-o",
        receipt);
    assertEquals(Exit.SOUND, prove.exit(), prove.toString());
    assertTrue(Files.readString(receipt).startsWith(Receipt.VERSION_LINE + "\n"));

    Cli.Run check = Cli.run("check-receipt", receipt, "--key", logVkey, "--witness", witnessVkey);
    assertEquals(Exit.SOUND, check.exit(), check.toString());
    assertTrue(check.out().contains("VALID"), check.out());
    assertTrue(check.out().contains("transfer 00000000000000000000000000000003: 1h30m"),
        check.out());

    JsonNode json = Cli.run("check-receipt", receipt, "--key", logVkey, "--json").json();
    assertEquals(8, json.get("sequence").asLong());
    assertEquals(90, json.get("record").get("transfers").get(0).get("amount").asLong());

    Path otherWitness = tmp.resolve("w2.pem");
    String otherWitnessVkey = Cli.run("key", "generate", "--name", "other-office", "--type",
        "cosignature", "-o", otherWitness).out().strip();
    Cli.Run missingWitness = Cli.run("check-receipt", receipt, "--key", logVkey, "--witness",
        otherWitnessVkey);
    assertEquals(Exit.INTEGRITY_FAILURE, missingWitness.exit(), missingWitness.toString());
    assertTrue(missingWitness.out().contains("WITNESS_SIGNATURES"), missingWitness.out());
  }

  @Test
  void aTamperedReceiptIsInvalid() throws IOException {
    Path cp = sign("cp1");
    Path receipt = tmp.resolve("receipt.txt");
    assertEquals(Exit.SOUND, Cli.run("prove", "inclusion", "--index", 8, "--checkpoint", cp,
        journal, "-o", receipt).exit());
    String text = Files.readString(receipt);
    Receipt r = Receipt.parse(text);
    byte[] bytes = r.recordBytes();
    bytes[bytes.length - 1] ^= 1;
    String tampered = text.replace(
        com.google.common.io.BaseEncoding.base64().encode(r.recordBytes()),
        com.google.common.io.BaseEncoding.base64().encode(bytes));
    Files.writeString(receipt, tampered);

    Cli.Run check = Cli.run("check-receipt", receipt, "--key", logVkey, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, check.exit(), check.toString());
    assertFalse(check.json().get("valid").asBoolean());
    assertTrue(List.of("INCLUSION_PROOF", "RECORD_MALFORMED")
        .contains(check.json().get("problem").asText()), check.out());
  }

  @Test
  void signingAgainNeedsTheJournalToExtendTheLastCheckpoint() throws IOException {
    Path cp1 = sign("cp1");
    Path cp1w = cosign(cp1, "cp1w");
    Fixture.grow(journal, 4);

    Path cp2 = tmp.resolve("cp2");
    Cli.Run again = Cli.run("checkpoint", "sign", journal, "--key-file", logKey, "--name", ORIGIN,
        "--last", cp1, "-o", cp2);
    assertEquals(Exit.SOUND, again.exit(), again.toString());
    Checkpoint c2 = Checkpoint.parse(SignedNote.parse(Files.readString(cp2)).text());
    assertEquals(written.size() + 4, c2.size());

    // The witness needs to see that cp2 extends cp1w: from the journal, or from a proof file.
    Cli.Run noProof = Cli.run("checkpoint", "cosign", cp2, "--key-file", witnessKey, "--name",
        WITNESS, "--log", logVkey, "--last", cp1w);
    assertEquals(Exit.USAGE, noProof.exit(), noProof.toString());
    cosign(cp2, "cp2w-journal", "--last", cp1w, "--journal", journal);
    Path proof = tmp.resolve("proof.json");
    assertEquals(Exit.SOUND, Cli.run("prove", "consistency", "--from", written.size(), "--to",
        c2.size(), journal, "-o", proof).exit());
    Path cp2w = cosign(cp2, "cp2w", "--last", cp1w, "--proof", proof);
    assertEquals(Exit.SOUND, Cli.run("verify", journal, "--checkpoint", cp2w, "--key", logVkey,
        "--witness", witnessVkey).exit());
    // The old checkpoint still holds for the grown journal.
    assertEquals(Exit.SOUND, Cli.run("verify", journal, "--checkpoint", cp1w, "--key", logVkey,
        "--witness", witnessVkey).exit());

    // A witness never goes back to a smaller tree.
    Cli.Run back = Cli.run("checkpoint", "cosign", cp1, "--key-file", witnessKey, "--name",
        WITNESS, "--log", logVkey, "--last", cp2w);
    assertEquals(Exit.INTEGRITY_FAILURE, back.exit(), back.toString());
  }

  @Test
  void aRewrittenJournalIsNotSignedAfterTheLastCheckpoint() throws IOException {
    Path cp1 = sign("cp1");
    Path other = tmp.resolve("other");
    otherHistory(other, (int) written.size() + 2);

    Cli.Run run = Cli.run("checkpoint", "sign", other, "--key-file", logKey, "--name", ORIGIN,
        "--last", cp1);

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertTrue(run.err().contains("not signed"), run.err());
    assertEquals("", run.out());
  }

  /** A journal of the same branch with other records: every hash differs from the fixture's. */
  static void otherHistory(Path dir, int records) throws IOException {
    try (BranchJournal j = BranchJournal.create(FileJournalStore.open(dir), Fixture.config())) {
      for (int i = 1; i < records; i++) {
        j.execute(new Command.Note(1, new byte[] {(byte) i}));
      }
    }
  }
}
