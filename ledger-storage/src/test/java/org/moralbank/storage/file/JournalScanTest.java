package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/**
 * The one-pass scan hands out what a read-only open reads. Damage and torn tails are covered
 * where the open's are: {@code CorruptionTest} and {@code TornTailTest} check every case against
 * the scan too.
 */
class JournalScanTest {
  private static final long SEGMENT = 4096;

  @TempDir Path tmp;

  private static List<JournalRecord> scanAll(JournalScan scan) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    Hash[] previous = {Hash.ZERO};
    long n = scan.read((sequence, buffer, offset, length, hashOffset) -> {
      Hash hash = Hash.of(buffer, hashOffset);
      out.add(new JournalRecord(sequence, previous[0], hash,
          Arrays.copyOfRange(buffer, offset, offset + length)));
      previous[0] = hash;
      return true;
    });
    assertEquals(out.size(), n);
    return out;
  }

  @Test
  void aJournalOfManySegments_isHandedOutAsAReadOnlyOpenReadsIt_twice() throws IOException {
    Path dir = tmp.resolve("j");
    int[] batches = new int[120];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = 1 + i % 7;
    }
    List<JournalRecord> records = Journals.write(dir, SEGMENT, batches);
    assertTrue(Journals.segments(dir).size() > 10, "enough segments for the read-ahead to run");

    JournalScan scan = JournalScan.open(dir);

    assertEquals(records.size(), scan.size());
    assertEquals(records.get(records.size() - 1).hash(), scan.head());
    assertEquals(Journals.segments(dir), scan.segmentFiles());
    assertTrue(scan.tornTail().isEmpty());
    assertEquals(records, scanAll(scan));
    assertEquals(records, scanAll(scan), "a scan can be read again");
  }

  @Test
  void theConsumerCanStopTheScan() throws IOException {
    Path dir = tmp.resolve("j");
    Journals.write(dir, SEGMENT, 10, 10, 10, 10, 10);
    List<Long> seen = new ArrayList<>();

    long handed = JournalScan.open(dir).read((sequence, buffer, offset, length, hashOffset) -> {
      seen.add(sequence);
      return sequence < 17;
    });

    assertEquals(18, handed);
    assertEquals(18, seen.size());
  }

  /**
   * A consumer that stops inside a batch that never closes (a sealed segment cut inside it) still
   * learns of the damage: the scan reads on to the batch's end before it returns.
   */
  @Test
  void aStopInsideABatchThatNeverCloses_isStillDamage() throws IOException {
    Path dir = tmp.resolve("j");
    Journals.write(dir, 2048, 3, 4, 2, 5, 1, 6, 3, 2, 4, 1, 3, 5, 2);
    List<Path> segments = Journals.segments(dir);
    // A sealed segment that ends in a batch of two or more records.
    Path sealed = null;
    List<Journals.Frame> frames = null;
    for (Path p : segments.subList(0, segments.size() - 1)) {
      List<Journals.Frame> f = Journals.frames(p);
      if (f.size() >= 2 && !f.get(f.size() - 2).endOfBatch()) {
        sealed = p;
        frames = f;
        break;
      }
    }
    assertTrue(sealed != null, "the fixture has such a segment");
    Journals.Frame last = frames.get(frames.size() - 1);
    int start = frames.size() - 2;
    while (start > 0 && !frames.get(start - 1).endOfBatch()) {
      start--;
    }
    Journals.Frame batchStart = frames.get(start);
    Journals.truncate(sealed, last.offset());
    long stopAt = batchStart.sequence();

    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> JournalScan.open(dir).read((sequence, buffer, offset, length, hashOffset) ->
            sequence < stopAt));

    assertEquals(batchStart.sequence(), e.sequence(), e.getMessage());
    assertTrue(e.getMessage().contains("the last batch is not closed"), e.getMessage());
  }

  @Test
  void aLiveJournal_isScannedAsItWasWhenTheScanOpened() throws IOException {
    Path dir = tmp.resolve("live");
    try (FileJournalStore writer = FileJournalStore.open(dir, SEGMENT)) {
      writer.append(JournalStoreContract.chain(0, Hash.ZERO, 30, "w"));
      List<JournalRecord> before = new ArrayList<>();
      writer.read(0, writer.size(), before::add);
      JournalScan scan = JournalScan.open(dir);
      // The writer goes on, into new segments too; the scan takes no lock and sees the 30.
      for (int i = 0; i < 40; i++) {
        writer.append(JournalStoreContract.chain(writer.size(), writer.head(), 3, "more" + i));
      }
      assertEquals(30, scan.size());
      assertEquals(before, scanAll(scan));
      assertEquals(150, writer.size());
    }
  }

  @Test
  void temporaryFilesAreListedAndLeftAlone() throws IOException {
    Path dir = tmp.resolve("j");
    Journals.write(dir, SEGMENT, 3);
    Path temporary = Files.writeString(dir.resolve("00000000000000000003.seg.tmp"), "x");

    JournalScan scan = JournalScan.open(dir);

    assertEquals(List.of(temporary), scan.temporaryFiles());
    assertEquals(3, scanAll(scan).size());
    assertTrue(Files.exists(temporary));
  }

  @Test
  void aDirectoryWithoutSegments_isNoJournal() throws IOException {
    assertThrows(NoSuchFileException.class, () -> JournalScan.open(tmp.resolve("missing")));
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThrows(NoSuchFileException.class, () -> JournalScan.open(empty));
  }
}
