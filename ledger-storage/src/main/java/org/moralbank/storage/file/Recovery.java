package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every segment when a journal opens, and trims a torn tail.
 *
 * <p>Every frame must pass its CRC32C, carry the next sequence and link to the hash of the
 * record before it; every segment header must continue where the previous segment ended. The
 * only damage repaired is a torn tail: in the last segment, after the last frame that ends a
 * batch, frames that are incomplete, fail their CRC or end without closing their batch, with no
 * sound frame anywhere after them. That is what a crash during the last, unacknowledged write
 * leaves behind; it is cut off and logged. Anything else throws {@link
 * JournalCorruptedException}. Recovery itself changes nothing on disk: the caller cuts the
 * tail off once every other check has passed.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);
  private static final int SCAN_BUFFER = 1 << 20;

  private Recovery() {}

  /**
   * The segments as recovered, the journal's size and head, and the torn tail to cut off
   * (already left out of the segments, size and head), if any.
   */
  record Result(List<Segment> segments, long size, Hash head, Optional<TornTail> tornTail) {}

  /** Bytes from {@code keep} to {@code fileSize} of the last segment, a batch a crash cut short. */
  record TornTail(
      Path file, long keep, long fileSize, long sequence, String problem, long damage) {
    /** Cuts the tail off, durably, and logs it. */
    void trim() throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(keep);
        ch.force(true);
      }
      log.warn("trimmed the torn tail of {}: {} bytes from offset {} (sequence {} on), an"
          + " unfinished last write ({} at offset {})", file, fileSize - keep, keep, sequence,
          problem, damage);
    }
  }

  /** A segment file and the first sequence its name states. */
  record SegmentFile(Path path, long firstSequence) {}

  /** @param files the segment files, ordered by the first sequence in their names */
  static Result recover(List<SegmentFile> files) throws IOException {
    List<Segment> segments = new ArrayList<>();
    TornTail tornTail = null;
    long expected = 0;
    byte[] head = new byte[Hash.LENGTH];
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i).path();
      boolean last = i == files.size() - 1;
      Segment segment = new Segment(file, expected);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long fileSize = ch.size();
        checkHeader(ch, file, files.get(i).firstSequence(), expected, head);
        FrameReader reader = new FrameReader(ch, Format.SEGMENT_HEADER, fileSize, SCAN_BUFFER);
        long committedEnd = Format.SEGMENT_HEADER;
        long committedCount = 0;
        long committedSequence = expected;
        byte[] committedHead = head.clone();
        while (reader.next()) {
          if (reader.sequence() != expected) {
            throw new JournalCorruptedException(file, reader.offset(), expected,
                "frame holds sequence " + reader.sequence());
          }
          if (!reader.linksTo(head)) {
            throw new JournalCorruptedException(file, reader.offset(), expected,
                "record does not link to the hash of record " + (expected - 1));
          }
          segment.add(reader.offset(), reader.frameLength());
          reader.copyHashTo(head);
          expected++;
          if (reader.endOfBatch()) {
            committedEnd = reader.position();
            committedCount = segment.count();
            committedSequence = expected;
            System.arraycopy(head, 0, committedHead, 0, Hash.LENGTH);
          }
        }
        if (reader.problem() != null || committedEnd < fileSize) {
          String problem = reader.problem() != null
              ? reader.problem()
              : "the last batch is not closed";
          long damage = reader.problem() != null ? reader.offset() : committedEnd;
          long damageSequence = reader.problem() != null ? expected : committedSequence;
          if (!last) {
            throw new JournalCorruptedException(file, damage, damageSequence,
                problem + ", in a segment that later segments follow");
          }
          if (reader.problem() != null) {
            for (long p = damage + 1; p + Format.FRAME_HEADER <= fileSize; p++) {
              if (reader.soundFrameAt(p, expected)) {
                throw new JournalCorruptedException(file, damage, damageSequence,
                    problem + ", and a sound frame (sequence " + reader.sequence()
                        + ") follows at offset " + p);
              }
            }
          }
          tornTail =
              new TornTail(file, committedEnd, fileSize, committedSequence, problem, damage);
          segment.truncate(committedCount, committedEnd);
          expected = committedSequence;
          head = committedHead;
        }
      }
      segments.add(segment);
    }
    return new Result(segments, expected, Hash.of(head), Optional.ofNullable(tornTail));
  }

  private static void checkHeader(
      FileChannel ch, Path file, long nameSequence, long expected, byte[] head) throws IOException {
    byte[] h = new byte[Format.SEGMENT_HEADER];
    ByteBuffer b = ByteBuffer.wrap(h);
    while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
      // read the whole header, or what there is of it
    }
    Format.SegmentHeader header = Format.SegmentHeader.parse(file, expected, h, b.position());
    if (header.firstSequence() != nameSequence) {
      throw new JournalCorruptedException(file, 12, expected, "header says the segment starts at "
          + header.firstSequence() + ", its name says " + nameSequence);
    }
    if (header.firstSequence() != expected) {
      throw new JournalCorruptedException(file, 0, expected, expected == 0
          ? "the first segment starts at " + header.firstSequence()
              + ": earlier segments are missing"
          : "sequence gap: the segments before end at " + (expected - 1)
              + " but this one starts at " + header.firstSequence() + "; a segment is missing");
    }
    if (!header.previousHash().equals(Hash.of(head))) {
      throw new JournalCorruptedException(file, 20, expected,
          "segment header does not link to the hash of record " + (expected - 1));
    }
  }
}
