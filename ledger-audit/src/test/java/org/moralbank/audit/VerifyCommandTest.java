package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.proof.MerkleTree;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.storage.file.FileJournalStore;

class VerifyCommandTest {
  /** Segment header and frame header sizes of the file journal format, version 1. */
  private static final int SEGMENT_HEADER = 64;
  private static final int FRAME_HEADER = 81;

  @TempDir Path tmp;

  @Test
  void aSoundJournalVerifiesWithItsHeadAndMerkleRoot() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);
    List<JournalRecord> records = Fixture.records(dir);
    MerkleTree tree = MerkleTree.create(HashAlgorithm.SHA_256);
    records.forEach(r -> tree.append(HashAlgorithm.SHA_256.leafHash(r.bytes())));

    Cli.Run run = Cli.run("verify", dir, "--json", "--no-progress");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    JsonNode j = run.json();
    assertTrue(j.get("sound").asBoolean());
    assertEquals(Fixture.BANK, j.get("bank").asText());
    assertEquals(Fixture.BRANCH, j.get("branch").asText());
    assertEquals("SHA-256", j.get("algorithm").asText());
    assertEquals(w.size(), j.get("records").asLong());
    assertEquals(w.head().hex(), j.get("head").asText());
    assertEquals(tree.root().base64(), j.get("root").asText());
    assertTrue(j.get("failure").isNull());
    assertEquals("", run.err(), "no progress bar unless asked");
  }

  @Test
  void theHumanSummarySaysSound() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);

    Cli.Run run = Cli.run("verify", dir);

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertTrue(run.out().contains("test-bank/branch-1, SHA-256"), run.out());
    assertTrue(run.out().contains(w.head().hex()), run.out());
    assertTrue(run.out().strip().endsWith("SOUND"), run.out());
  }

  @Test
  void aFlippedByteIsNamedBySequenceFileAndOffset() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir);
    List<JournalRecord> records = Fixture.records(dir);
    int victim = 7;
    long frame = frameOffset(records, victim);
    Path segment = segments(dir).get(0);
    flip(segment, frame + FRAME_HEADER + 20);

    Cli.Run run = Cli.run("verify", dir, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals(victim, f.get("sequence").asLong());
    assertEquals(victim, run.json().get("records").asLong(), "the records before it are verified");
    assertEquals("test-bank/branch-1", f.get("branch").asText());
    assertEquals("FILE_CORRUPTED", f.get("problem").asText());
    assertEquals(segment.toString(), f.get("file").asText());
    assertEquals(frame, f.get("offset").asLong());

    Cli.Run human = Cli.run("verify", dir);
    assertTrue(human.out().contains("record " + victim + ": FILE_CORRUPTED"), human.out());
    assertTrue(human.out().contains("byte offset " + frame), human.out());
    assertTrue(human.out().contains(segment.toString()), human.out());
  }

  @Test
  void aFlippedByteInTheGenesisLeavesTheBranchUnknown() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir);
    flip(segments(dir).get(0), SEGMENT_HEADER + FRAME_HEADER + 55);

    Cli.Run run = Cli.run("verify", dir, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals(0, f.get("sequence").asLong());
    assertEquals("unknown", f.get("branch").asText());
    assertEquals(SEGMENT_HEADER, f.get("offset").asLong());
  }

  @Test
  void aTornTailIsReadAroundWithAWarningAndLeftOnDisk_andAnAnchorSeesTheJournalCut() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);
    Path segment = segments(dir).get(0);
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 10);
    }

    Cli.Run run = Cli.run("verify", dir, "--json", "--anchor", w.size() + ":" + w.head().hex());

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode j = run.json();
    assertEquals(w.size() - 1, j.get("records").asLong());
    assertEquals("TRUNCATED", j.get("failure").get("problem").asText());
    assertEquals(w.size() - 1, j.get("failure").get("sequence").asLong());
    assertTrue(j.get("warnings").get(0).asText().contains("torn tail, left untouched"), j.toString());
    assertTrue(j.get("warnings").get(0).asText().contains(segment.toString()), j.toString());
    assertEquals(size - 10, Files.size(segment), "verifying changed nothing on disk");

    Cli.Run without = Cli.run("verify", dir);
    assertEquals(Exit.SOUND, without.exit(), "without an anchor the shorter journal is sound");
  }

  @Test
  void aJournalCutInAnEarlierSegmentIsCorrupted() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir, 2048);
    List<Path> segments = segments(dir);
    assertTrue(segments.size() >= 3, "the fixture spans several small segments");
    Path middle = segments.get(1);
    try (FileChannel ch = FileChannel.open(middle, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5);
    }

    Cli.Run run = Cli.run("verify", dir, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("FILE_CORRUPTED", f.get("problem").asText());
    assertEquals(middle.toString(), f.get("file").asText());
    assertTrue(f.get("offset").asLong() > 0);
    assertTrue(f.get("detail").asText().contains("later segments follow"), f.toString());
    assertEquals(f.get("sequence").asLong(), run.json().get("records").asLong(), run.toString());
    assertTrue(run.json().get("records").asLong() > 0, "the segments before it are verified");
  }

  /**
   * A segment that later segments follow must end in a closed batch. The records of an unclosed
   * one are read before its end shows it; they are not sound, even when one of them fails a
   * check of its own first (here an anchor noted inside that batch), and the head reported is
   * that of the last record before the batch.
   */
  @Test
  void aBatchLeftOpenInAnEarlierSegment_isTheVerdict_atItsFirstRecord() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir);
    List<JournalRecord> records = Fixture.records(dir);
    Path batched = tmp.resolve("batched");
    try (FileJournalStore s = FileJournalStore.open(batched, 2048)) {
      for (int i = 0; i < records.size(); i += 3) {
        s.append(records.subList(i, Math.min(records.size(), i + 3)));
      }
    }
    Path first = segments(batched).get(0);
    int inFirst = 0;
    while (frameOffset(records, inFirst) < Files.size(first)) {
      inFirst++;
    }
    assertEquals(0, inFirst % 3, "segments roll between batches");
    assertTrue(segments(batched).size() > 1 && inFirst >= 6);
    // Cut the first segment before the last frame of its last batch: two frames of an open batch.
    try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
      ch.truncate(frameOffset(records, inFirst - 1));
    }
    int open = inFirst - 3;

    for (String[] args : List.of(new String[0], new String[] {"--anchor",
        (open + 2) + ":" + "00".repeat(32)})) {
      List<Object> command = new java.util.ArrayList<>(List.of("verify", batched, "--json"));
      command.addAll(List.of((Object[]) args));
      Cli.Run run = Cli.run(command.toArray());

      assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
      JsonNode j = run.json();
      assertEquals("FILE_CORRUPTED", j.get("failure").get("problem").asText(), j.toString());
      assertEquals(open, j.get("failure").get("sequence").asLong(), j.toString());
      assertTrue(j.get("failure").get("detail").asText().contains("the last batch is not closed"));
      assertEquals(open, j.get("records").asLong());
      assertEquals(records.get(open - 1).hash().hex(), j.get("head").asText());
    }
  }

  /**
   * The scan runs ahead of the replay: when it meets damage, a record before the damage may
   * still fail its replay, and then that record is the verdict.
   */
  @Test
  void aRecordThatFailsItsReplayBeforeLaterDamage_isTheVerdict() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir);
    List<JournalRecord> records = Fixture.records(dir);
    assertTrue(records.size() > 20);
    // Record 9 gets a record type nobody knows, and everything is re-chained: every hash and
    // link is right, only decoding can tell.
    Path forged = tmp.resolve("forged");
    try (FileJournalStore s = FileJournalStore.open(forged)) {
      org.moralbank.ledger.Hash previous = org.moralbank.ledger.Hash.ZERO;
      for (JournalRecord r : records) {
        byte[] bytes = r.bytes().clone();
        previous.copyTo(bytes, 18);
        if (r.sequence() == 9) {
          bytes[1] = 0x7F;
        }
        org.moralbank.ledger.Hash hash = HashAlgorithm.SHA_256.leafHash(bytes);
        s.append(List.of(new JournalRecord(r.sequence(), previous, hash, bytes)));
        previous = hash;
      }
    }
    // A damaged frame further on, which the scan reaches before the replay has seen record 9
    // (the records go over in batches of thousands).
    long frame = frameOffset(Fixture.records(forged), 15);
    flip(segments(forged).get(0), frame + FRAME_HEADER + 20);

    Cli.Run run = Cli.run("verify", forged, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals(9, f.get("sequence").asLong(), f.toString());
    assertEquals("MALFORMED", f.get("problem").asText(), f.toString());
    assertEquals(9, run.json().get("records").asLong());
  }

  @Test
  void aRecordRewrittenWithAValidFrameFailsTheChainAndNamesItsSegment() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.write(dir);
    List<JournalRecord> records = Fixture.records(dir);
    // Rewrite the whole journal through the store with record 9's amount changed: every frame
    // passes its CRC, but record 10 no longer links to record 9.
    Path forged = tmp.resolve("forged");
    try (FileJournalStore s = FileJournalStore.open(forged)) {
      for (JournalRecord r : records) {
        byte[] bytes = r.bytes();
        org.moralbank.ledger.Hash hash = r.hash();
        org.moralbank.ledger.Hash previous = r.previousHash();
        if (r.sequence() == 9) {
          bytes = bytes.clone();
          bytes[bytes.length - 20] ^= 1;
          hash = HashAlgorithm.SHA_256.leafHash(bytes);
        } else if (r.sequence() == 10) {
          previous = s.head();
        }
        s.append(List.of(new JournalRecord(r.sequence(), previous, hash, bytes)));
        if (r.sequence() == 10) {
          break;
        }
      }
    }

    Cli.Run run = Cli.run("verify", forged, "--json");

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    JsonNode f = run.json().get("failure");
    assertEquals("test-bank/branch-1", f.get("branch").asText());
    assertTrue(f.get("sequence").asLong() == 9 || f.get("sequence").asLong() == 10, f.toString());
    assertTrue(f.get("file").asText().endsWith("00000000000000000000.seg"), f.toString());
    assertTrue(f.get("offset").isNull(), "the frame is sound; the verifier knows no offset");
  }

  @Test
  void anAnchorThatDoesNotMatchIsAFailure() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);
    String otherHead = "00".repeat(32);

    Cli.Run run = Cli.run("verify", dir, "--json", "--anchor", "5:" + otherHead);

    assertEquals(Exit.INTEGRITY_FAILURE, run.exit(), run.toString());
    assertEquals("ANCHOR_MISMATCH", run.json().get("failure").get("problem").asText());
    assertEquals(4, run.json().get("failure").get("sequence").asLong());
    assertFalse(w.head().hex().equals(otherHead));
  }

  @Test
  void aProgressBarOnlyWhenAsked() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);

    Cli.Run run = Cli.run("verify", dir, "--progress");

    assertEquals(Exit.SOUND, run.exit(), run.toString());
    assertTrue(run.err().contains("100% " + w.size() + "/" + w.size() + " records"), run.err());
  }

  @Test
  void aLiveJournalIsCheckedWithoutDisturbingItsWriter() throws IOException {
    Path dir = tmp.resolve("journal");
    Fixture.Written w = Fixture.write(dir);
    try (FileJournalStore held = FileJournalStore.open(dir)) {
      Map<Path, byte[]> before = contents(dir);

      Cli.Run run = Cli.run("verify", dir);

      assertEquals(Exit.SOUND, run.exit(), run.toString());
      assertTrue(run.out().contains("records    " + w.size() + " sound"), run.out());
      assertEquals(w.size(), held.size());
      Map<Path, byte[]> after = contents(dir);
      assertEquals(before.keySet(), after.keySet());
      before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file.toString()));
    }
  }

  static Map<Path, byte[]> contents(Path dir) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p), Files.readAllBytes(p));
      }
    }
    return files;
  }

  static long frameOffset(List<JournalRecord> records, int sequence) {
    long offset = SEGMENT_HEADER;
    for (int i = 0; i < sequence; i++) {
      offset += FRAME_HEADER + records.get(i).bytes().length;
    }
    return offset;
  }

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  static void flip(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x40));
      b.rewind();
      ch.write(b, offset);
    }
  }
}
