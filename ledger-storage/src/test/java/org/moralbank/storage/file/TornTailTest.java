package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/**
 * What a crash during the last write leaves behind is cut off, logged, and nothing else: the
 * journal reopens at the end of the last complete batch and accepts appends again.
 */
class TornTailTest {
  private static final long SEGMENT = 4096;

  @TempDir Path tmp;
  private Path original;
  private List<JournalRecord> records;
  private Path lastSegment;
  private List<Journals.Frame> lastFrames;
  private int cases;

  @BeforeEach
  void writeJournal() throws IOException {
    original = tmp.resolve("original");
    // the last segment ends with a batch of one, after a batch of four
    records = Journals.write(original, SEGMENT, 5, 7, 3, 6, 8, 9, 4, 1, 4, 1);
    List<Path> segments = Journals.segments(original);
    assertTrue(segments.size() >= 2, "segments " + segments);
    lastSegment = segments.get(segments.size() - 1);
    lastFrames = Journals.frames(lastSegment);
    assertTrue(lastFrames.size() >= 5, "frames in the last segment: " + lastFrames.size());
  }

  private Path damagedCopy() {
    return Journals.copy(original, tmp.resolve("case-" + cases++));
  }

  /** Opens {@code dir}, expects it to recover to {@code size} records, and returns the log. */
  private String openExpecting(Path dir, int size) throws IOException {
    scannedExpecting(dir, size);
    String log = Journals.stderrOf(() -> {
      try (FileJournalStore store = FileJournalStore.open(dir, SEGMENT)) {
        assertEquals(size, store.size());
        assertEquals(records.get(size - 1).hash(), store.head());
        List<JournalRecord> read = new ArrayList<>();
        store.read(0, size, read::add);
        assertEquals(records.subList(0, size), read);
        // the recovered journal takes appends again, and keeps them
        store.append(JournalStoreContract.chain(size, store.head(), 2, "after"));
      }
      try (FileJournalStore store = FileJournalStore.open(dir, SEGMENT)) {
        assertEquals(size + 2, store.size());
      }
    });
    return log;
  }

  /**
   * A one-pass scan reads around the torn tail exactly as a read-only open does: the same size,
   * head, torn tail and records.
   */
  private void scannedExpecting(Path dir, int size) throws IOException {
    JournalScan scan = JournalScan.open(dir);
    Optional<String> torn;
    try (FileJournalStore readOnly = FileJournalStore.openReadOnly(dir)) {
      torn = readOnly.tornTail();
    }
    assertEquals(size, scan.size());
    assertEquals(records.get(size - 1).hash(), scan.head());
    assertEquals(torn, scan.tornTail());
    List<JournalRecord> read = new ArrayList<>();
    Hash[] previous = {Hash.ZERO};
    assertEquals(size, scan.read((sequence, buffer, offset, length, hashOffset) -> {
      Hash hash = Hash.of(buffer, hashOffset);
      read.add(new JournalRecord(sequence, previous[0], hash,
          Arrays.copyOfRange(buffer, offset, offset + length)));
      previous[0] = hash;
      return true;
    }));
    assertEquals(records.subList(0, size), read);
  }

  @Test
  void lastFrameCutAtEveryByte_recoversToThePreviousFrame() throws IOException {
    Journals.Frame last = lastFrames.get(lastFrames.size() - 1);
    for (int cut = 0; cut < last.length(); cut++) {
      Path dir = damagedCopy();
      Path segment = dir.resolve(lastSegment.getFileName());
      Journals.truncate(segment, last.offset() + cut);
      String log = openExpecting(dir, records.size() - 1);
      if (cut == 0) {
        assertFalse(log.contains("trimmed"), log);
      } else {
        assertTrue(log.contains("WARN"), log);
        assertTrue(log.contains("trimmed the torn tail of " + segment + ": " + cut
            + " bytes from offset " + last.offset()), log);
      }
    }
  }

  @Test
  void unfinishedBatchCutAtEveryByte_dropsTheWholeBatch() throws IOException {
    // the batch of four before the final batch of one
    Journals.Frame first = lastFrames.get(lastFrames.size() - 5);
    Journals.Frame end = lastFrames.get(lastFrames.size() - 2);
    assertEquals(records.size() - 5, first.sequence());
    long batchEnd = end.offset() + end.length();
    for (long cut = first.offset() + 1; cut < batchEnd; cut++) {
      Path dir = damagedCopy();
      Path segment = dir.resolve(lastSegment.getFileName());
      Journals.truncate(segment, cut);
      String log = openExpecting(dir, records.size() - 5);
      assertTrue(log.contains("from offset " + first.offset()), log);
      Journals.Frame appended = Journals.frames(segment).get(lastFrames.size() - 5);
      assertEquals(first.sequence(), appended.sequence());
      assertEquals(first.offset(), appended.offset(), "appends continue where the batch began");
    }
  }

  @Test
  void bitFlipInEveryByteOfTheLastFrame_isATornTail() throws IOException {
    Journals.Frame last = lastFrames.get(lastFrames.size() - 1);
    for (int i = 0; i < last.length(); i++) {
      Path dir = damagedCopy();
      Journals.flipBit(dir.resolve(lastSegment.getFileName()), last.offset() + i, i % 8);
      String log = openExpecting(dir, records.size() - 1);
      assertTrue(log.contains("from offset " + last.offset()), log);
    }
  }

  @Test
  void zeroesAfterTheLastFrame_areTrimmed() throws IOException {
    Path dir = damagedCopy();
    Path segment = dir.resolve(lastSegment.getFileName());
    long before = Files.size(segment);
    try (OutputStream out = Files.newOutputStream(segment, StandardOpenOption.APPEND)) {
      out.write(new byte[3000]);
    }
    String log = openExpecting(dir, records.size());
    assertTrue(log.contains("3000 bytes from offset " + before), log);
  }

  @Test
  void strayTemporaryFiles_areDeleted() throws IOException {
    Path dir = damagedCopy();
    Path segmentTemp = dir.resolve(Format.segmentName(records.size()) + Format.TEMP_SUFFIX);
    Path snapshotTemp = dir.resolve(SnapshotFile.name(3) + Format.TEMP_SUFFIX);
    Files.write(segmentTemp, new byte[10]);
    Files.write(snapshotTemp, new byte[10]);
    openExpecting(dir, records.size());
    assertFalse(Files.exists(segmentTemp));
    assertFalse(Files.exists(snapshotTemp));
  }
}
