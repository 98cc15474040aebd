package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;

/**
 * Damage that is not a torn tail is never repaired: opening refuses with an exception that names
 * the file, the byte offset and the sequence, and leaves every file as it was.
 */
class CorruptionTest {
  private static final long SEGMENT = 2048;

  @TempDir Path tmp;
  private Path original;
  private List<JournalRecord> records;
  private List<Path> segments;
  private int cases;

  @BeforeEach
  void writeJournal() throws IOException {
    original = tmp.resolve("original");
    records = Journals.write(original, SEGMENT, 3, 4, 2, 5, 1, 6, 3, 2, 4, 1, 3, 5, 2);
    segments = Journals.segments(original);
    assertTrue(segments.size() >= 3, "segments " + segments);
  }

  private Path copy() {
    return Journals.copy(original, tmp.resolve("case-" + cases++));
  }

  /** Opens {@code dir}, expecting a refusal that names the place, and no change on disk. */
  private JournalCorruptedException refused(Path dir, Path file, long offset, long sequence)
      throws IOException {
    Map<Path, byte[]> before = contents(dir);
    JournalCorruptedException e = assertThrows(
        JournalCorruptedException.class, () -> FileJournalStore.open(dir, SEGMENT).close());
    assertEquals(file, e.file(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
    assertEquals(sequence, e.sequence(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + " at byte offset " + offset + " (sequence "
        + sequence + "): "), e.getMessage());
    assertUnchanged(before, dir);
    scannedUpTo(dir, e);
    assertUnchanged(before, dir);
    return e;
  }

  /**
   * A one-pass scan finds the same damage as opening: the same exception, once it has handed
   * over every record before it and none after.
   */
  private void scannedUpTo(Path dir, JournalCorruptedException expected) throws IOException {
    if (Journals.segments(dir).isEmpty()) {
      assertThrows(java.nio.file.NoSuchFileException.class, () -> JournalScan.open(dir));
      return;
    }
    JournalScan scan = JournalScan.open(dir);
    List<Long> handed = new ArrayList<>();
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> scan.read((sequence, buffer, offset, length, hashOffset) -> {
          handed.add(sequence);
          return true;
        }));
    assertEquals(expected.getMessage(), e.getMessage());
    // Every record before the damage, in order; past it only the records of a batch that turned
    // out not to be closed (the scan cannot know before the segment ends).
    assertEquals(java.util.stream.LongStream.range(0, handed.size()).boxed().toList(), handed);
    assertTrue(handed.size() >= expected.sequence(), handed.size() + " < " + expected.sequence());
    if (!expected.getMessage().contains("the last batch is not closed")) {
      assertEquals(expected.sequence(), handed.size());
    }
  }

  private static void assertUnchanged(Map<Path, byte[]> before, Path dir) throws IOException {
    Map<Path, byte[]> after = contents(dir);
    assertEquals(before.keySet(), after.keySet());
    for (Path p : before.keySet()) {
      assertArrayEquals(before.get(p), after.get(p), p.toString());
    }
  }

  private static Map<Path, byte[]> contents(Path dir) throws IOException {
    Map<Path, byte[]> m = new LinkedHashMap<>();
    for (Path p : Journals.segments(dir)) {
      m.put(p, Files.readAllBytes(p));
    }
    for (Path p : Journals.snapshots(dir)) {
      m.put(p, Files.readAllBytes(p));
    }
    return m;
  }

  @Test
  void bitFlipInEveryByteOfAFrameInASealedSegment_refuses() throws IOException {
    Path segment = segments.get(0);
    Journals.Frame frame = Journals.frames(segment).get(1);
    for (int i = 0; i < frame.length(); i++) {
      Path dir = copy();
      Path damaged = dir.resolve(segment.getFileName());
      Journals.flipBit(damaged, frame.offset() + i, i % 8);
      refused(dir, damaged, frame.offset(), frame.sequence());
    }
  }

  @Test
  void bitFlipInEveryByteOfAFrameInTheMiddleOfTheLastSegment_refuses() throws IOException {
    Path segment = segments.get(segments.size() - 1);
    List<Journals.Frame> frames = Journals.frames(segment);
    assertTrue(frames.size() >= 3);
    Journals.Frame frame = frames.get(frames.size() - 3);
    for (int i = 0; i < frame.length(); i++) {
      Path dir = copy();
      Path damaged = dir.resolve(segment.getFileName());
      Journals.flipBit(damaged, frame.offset() + i, i % 8);
      JournalCorruptedException e = refused(dir, damaged, frame.offset(), frame.sequence());
      assertTrue(e.getMessage().contains("a sound frame (sequence "), e.getMessage());
    }
  }

  /**
   * Sealed segments are scanned ahead on two threads; whichever finishes first, the damage
   * reported is the first in sequence order, as a scan in order would find it.
   */
  @Test
  void damageInSeveralSealedSegments_theFirstInOrderIsReported() throws IOException {
    Path longer = tmp.resolve("longer");
    int[] batches = new int[40];
    java.util.Arrays.fill(batches, 3);
    Journals.write(longer, SEGMENT, batches);
    List<Path> segments = Journals.segments(longer);
    assertTrue(segments.size() >= 6, "segments " + segments);
    for (int first = 1; first <= 3; first++) {
      Path dir = Journals.copy(longer, tmp.resolve("several-" + first));
      Path earlier = dir.resolve(segments.get(first).getFileName());
      Journals.Frame frame = Journals.frames(earlier).get(0);
      Journals.flipBit(earlier, frame.offset() + frame.length() - 1, 2);
      for (int later = first + 1; later < segments.size() - 1; later++) {
        Path p = dir.resolve(segments.get(later).getFileName());
        Journals.Frame f = Journals.frames(p).get(0);
        Journals.flipBit(p, f.offset() + f.length() - 1, 5);
      }
      // A later segment that no longer continues the chain is not reported either.
      Path last = dir.resolve(segments.get(segments.size() - 2).getFileName());
      Journals.flipBit(last, 25, 1);
      refused(dir, earlier, frame.offset(), frame.sequence());
    }
  }

  @Test
  void bitFlipInTheLastFrameOfASealedSegment_refuses() throws IOException {
    Path segment = segments.get(1);
    List<Journals.Frame> frames = Journals.frames(segment);
    Journals.Frame last = frames.get(frames.size() - 1);
    Path dir = copy();
    Path damaged = dir.resolve(segment.getFileName());
    Journals.flipBit(damaged, last.offset() + last.length() - 1, 0);
    JournalCorruptedException e = refused(dir, damaged, last.offset(), last.sequence());
    assertTrue(e.getMessage().contains("later segments follow"), e.getMessage());
  }

  @Test
  void sealedSegmentCutInsideABatch_refuses() throws IOException {
    Path segment = segments.get(0);
    List<Journals.Frame> frames = Journals.frames(segment);
    int end = frames.size() - 1;
    while (frames.get(end - 1).endOfBatch()) {
      end--; // find a batch of two or more frames
    }
    int start = end - 1;
    while (start > 0 && !frames.get(start - 1).endOfBatch()) {
      start--;
    }
    Path dir = copy();
    Path damaged = dir.resolve(segment.getFileName());
    Journals.truncate(damaged, frames.get(end).offset());
    JournalCorruptedException e =
        refused(dir, damaged, frames.get(start).offset(), frames.get(start).sequence());
    assertTrue(e.getMessage().contains("the last batch is not closed"), e.getMessage());
  }

  @Test
  void sealedSegmentCutAtABatchEnd_refusesAtTheGap() throws IOException {
    Path segment = segments.get(0);
    List<Journals.Frame> frames = Journals.frames(segment);
    Journals.Frame cut = frames.get(frames.size() - 1);
    assertTrue(frames.get(frames.size() - 2).endOfBatch());
    Path dir = copy();
    Journals.truncate(dir.resolve(segment.getFileName()), cut.offset());
    JournalCorruptedException e =
        refused(dir, dir.resolve(segments.get(1).getFileName()), 0, cut.sequence());
    assertTrue(e.getMessage().contains("sequence gap"), e.getMessage());
  }

  @Test
  void missingMiddleSegment_refuses() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve(segments.get(1).getFileName()));
    long missingFrom = Journals.frames(segments.get(1)).get(0).sequence();
    JournalCorruptedException e =
        refused(dir, dir.resolve(segments.get(2).getFileName()), 0, missingFrom);
    assertTrue(e.getMessage().contains("a segment is missing"), e.getMessage());
  }

  @Test
  void missingFirstSegment_refuses() throws IOException {
    Path dir = copy();
    Files.delete(dir.resolve(segments.get(0).getFileName()));
    JournalCorruptedException e = refused(dir, dir.resolve(segments.get(1).getFileName()), 0, 0);
    assertTrue(e.getMessage().contains("earlier segments are missing"), e.getMessage());
  }

  @Test
  void bitFlipInEverySegmentHeaderByte_refuses() throws IOException {
    Path segment = segments.get(1);
    long first = Journals.frames(segment).get(0).sequence();
    for (int i = 0; i < Format.SEGMENT_HEADER; i++) {
      Path dir = copy();
      Path damaged = dir.resolve(segment.getFileName());
      Journals.flipBit(damaged, i, i % 8);
      JournalCorruptedException e =
          assertThrows(JournalCorruptedException.class, () -> FileJournalStore.open(dir, SEGMENT));
      assertEquals(damaged, e.file());
      assertEquals(0, e.offset(), e.getMessage());
      assertEquals(first, e.sequence());
    }
  }

  @Test
  void segmentRenamedToAnotherSequence_refuses() throws IOException {
    Path dir = copy();
    Path last = dir.resolve(segments.get(segments.size() - 1).getFileName());
    long first = Journals.frames(last).get(0).sequence();
    Path renamed = dir.resolve(Format.segmentName(first + 1));
    Files.move(last, renamed);
    JournalCorruptedException e = refused(dir, renamed, 12, first);
    assertTrue(e.getMessage().contains("its name says " + (first + 1)), e.getMessage());
  }

  @Test
  void unsupportedSegmentVersion_refusedByName() throws IOException {
    Path dir = copy();
    Path segment = dir.resolve(segments.get(0).getFileName());
    byte[] b = Files.readAllBytes(segment);
    ByteBuffer.wrap(b).putInt(8, 2).putInt(60, Format.crc(b, 0, 60));
    Files.write(segment, b);
    JournalCorruptedException e = refused(dir, segment, 8, 0);
    assertTrue(e.getMessage().contains("unsupported segment format version 2"), e.getMessage());
  }

  @Test
  void recordThatDoesNotLink_withASoundCrc_refuses() throws IOException {
    Path dir = copy();
    Path segment = dir.resolve(segments.get(0).getFileName());
    Journals.Frame frame = Journals.frames(segment).get(2);
    rewriteFrame(segment, frame, b -> Hash.ZERO.copyTo(b, Format.PREVIOUS_OFFSET));
    JournalCorruptedException e = refused(dir, segment, frame.offset(), frame.sequence());
    assertTrue(e.getMessage().contains("does not link to the hash of record "
        + (frame.sequence() - 1)), e.getMessage());
  }

  @Test
  void frameWithTheWrongSequence_withASoundCrc_refuses() throws IOException {
    Path dir = copy();
    Path segment = dir.resolve(segments.get(1).getFileName());
    Journals.Frame frame = Journals.frames(segment).get(1);
    rewriteFrame(segment, frame, b -> ByteBuffer.wrap(b).putLong(Format.SEQUENCE_OFFSET, 999));
    JournalCorruptedException e = refused(dir, segment, frame.offset(), frame.sequence());
    assertTrue(e.getMessage().contains("frame holds sequence 999"), e.getMessage());
  }

  @Test
  void segmentThatDoesNotLinkToThePreviousOne_refuses() throws IOException {
    Path dir = copy();
    Path segment = dir.resolve(segments.get(1).getFileName());
    byte[] b = Files.readAllBytes(segment);
    Hash.ZERO.copyTo(b, 20);
    ByteBuffer.wrap(b).putInt(60, Format.crc(b, 0, 60));
    Files.write(segment, b);
    refused(dir, segment, 20, Journals.frames(segment).get(0).sequence());
  }

  @Test
  void snapshotAheadOfTheJournal_refuses() throws IOException {
    Path dir = copy();
    try (FileJournalStore store = FileJournalStore.open(dir, SEGMENT)) {
      store.saveSnapshot(new org.moralbank.ledger.store.Snapshot(
          records.size(), store.head(), new byte[] {1}));
    }
    Path last = dir.resolve(segments.get(segments.size() - 1).getFileName());
    Files.delete(last);
    long remaining = Journals.frames(segments.get(segments.size() - 1)).get(0).sequence();
    JournalCorruptedException e =
        refused(dir, dir.resolve(SnapshotFile.name(records.size())), 12, remaining);
    assertTrue(e.getMessage().contains("acknowledged records are missing"), e.getMessage());
  }

  @Test
  void snapshotAheadOfATornJournal_refusesBeforeTrimmingAnything() throws IOException {
    Path dir = copy();
    try (FileJournalStore store = FileJournalStore.open(dir, SEGMENT)) {
      store.saveSnapshot(new org.moralbank.ledger.store.Snapshot(
          records.size(), store.head(), new byte[] {1}));
    }
    Path last = dir.resolve(segments.get(segments.size() - 1).getFileName());
    List<Journals.Frame> frames = Journals.frames(last);
    Journals.Frame torn = frames.get(frames.size() - 1);
    Journals.truncate(last, torn.offset() + 10);
    int batchStart = frames.size() - 1;
    while (!frames.get(batchStart - 1).endOfBatch()) {
      batchStart--;
    }
    // the store would hold the records before the torn batch
    refused(dir, dir.resolve(SnapshotFile.name(records.size())), 12,
        frames.get(batchStart).sequence());
    assertEquals(torn.offset() + 10, Files.size(last), "the torn tail is still there");
  }

  @Test
  void snapshotWithoutSegments_refusesWithoutStartingAJournal() throws IOException {
    Path dir = copy();
    try (FileJournalStore store = FileJournalStore.open(dir, SEGMENT)) {
      store.saveSnapshot(new org.moralbank.ledger.store.Snapshot(3, records.get(2).hash(),
          new byte[] {1}));
    }
    for (Path segment : Journals.segments(dir)) {
      Files.delete(segment);
    }
    refused(dir, dir.resolve(SnapshotFile.name(3)), 12, 0);
    assertEquals(List.of(), Journals.segments(dir));
  }

  private interface FrameEdit {
    void apply(byte[] frame);
  }

  /** Edits a frame's header fields and recomputes its CRC, as a bug or a forger would. */
  private static void rewriteFrame(Path segment, Journals.Frame frame, FrameEdit edit)
      throws IOException {
    byte[] file = Files.readAllBytes(segment);
    int at = (int) frame.offset();
    byte[] f = java.util.Arrays.copyOfRange(file, at, at + frame.length());
    edit.apply(f);
    ByteBuffer.wrap(f).putInt(Format.CRC_OFFSET,
        Format.frameCrc(f, 0, frame.length() - Format.FRAME_HEADER, new CRC32C()));
    System.arraycopy(f, 0, file, at, f.length);
    Files.write(segment, file);
  }
}
