package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
    /** For people: how many bytes from where in which file, and what was wrong. */
    String describe() {
      return (fileSize - keep) + " bytes from byte offset " + keep + " of " + file + " (" + problem
          + ")";
    }

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
  /**
   * Scans {@code files} in order and returns what they hold.
   *
   * @param threads how many threads scan the sealed segments ahead: 1 scans everything on the
   *     calling thread
   */
  static Result recover(List<SegmentFile> files, int threads) throws IOException {
    // Every segment but the last is sealed: it starts where its header says, so it can be scanned
    // before the ones ahead of it are. Helper threads scan them ahead; this one then takes the
    // results in order, checking that each header continues where the segment before ended,
    // exactly as one thread scanning in order would, and reporting the first damage in order.
    int sealed = files.size() - 1;
    ExecutorService pool =
        threads > 1 && sealed > 1 ? Executors.newFixedThreadPool(threads, SCANNER) : null;
    try {
      List<Future<Scanned>> ahead = new ArrayList<>();
      for (int i = 0; i < sealed && pool != null; i++) {
        SegmentFile f = files.get(i);
        ahead.add(pool.submit(() -> scanFromHeader(f)));
      }
      return stitch(files, ahead);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static final ThreadFactory SCANNER = r -> {
    Thread t = new Thread(r, "moralbank-segment-scan");
    t.setDaemon(true);
    return t;
  };

  /** What scanning one segment found: the frames up to the last closed batch, and any damage. */
  private record Scanned(
      Segment segment, long fileSize, long expected, byte[] head, long committedEnd,
      long committedCount, long committedSequence, byte[] committedHead, String problem,
      long problemOffset) {}

  /** Scans a sealed segment from what its own header says it continues. */
  private static Scanned scanFromHeader(SegmentFile f) throws IOException {
    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
      Format.SegmentHeader header = readHeader(ch, f.path(), f.firstSequence());
      return scan(ch, f.path(), header.firstSequence(), header.previousHash().toByteArray());
    }
  }

  private static Result stitch(List<SegmentFile> files, List<Future<Scanned>> ahead)
      throws IOException {
    List<Segment> segments = new ArrayList<>();
    TornTail tornTail = null;
    long expected = 0;
    byte[] head = new byte[Hash.LENGTH];
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i).path();
      boolean last = i == files.size() - 1;
      Scanned scanned;
      FrameReader reader;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        checkHeader(ch, file, files.get(i).firstSequence(), expected, head);
        // The header continues the chain, so a scan from the header is the scan from here.
        scanned = i < ahead.size()
            ? Tasks.result(ahead.get(i), "scanning segments")
            : scan(ch, file, expected, head);
        reader = scanned.problem() != null && last
            ? new FrameReader(ch, Format.SEGMENT_HEADER, scanned.fileSize(), SCAN_BUFFER)
            : null;
        Segment segment = scanned.segment();
        expected = scanned.expected();
        head = scanned.head();
        TornTail torn = judge(reader, file, scanned, last);
        if (torn != null) {
          tornTail = torn;
          segment.truncate(scanned.committedCount(), scanned.committedEnd());
          expected = scanned.committedSequence();
          head = scanned.committedHead();
        }
        segments.add(segment);
      }
    }
    return new Result(segments, expected, Hash.of(head), Optional.ofNullable(tornTail));
  }

  /**
   * Judges the end of a scanned segment: null when it ends in a closed batch; the torn tail to cut
   * off when it is the last segment and nothing sound follows the damage.
   *
   * @param reader a reader over the segment's whole file, to look for sound frames after the
   *     damage; null if the scan found no damaged frame
   * @throws JournalCorruptedException for damage that no torn last write explains
   */
  private static TornTail judge(FrameReader reader, Path file, Scanned scanned, boolean last)
      throws IOException {
    long fileSize = scanned.fileSize();
    if (scanned.problem() == null && scanned.committedEnd() >= fileSize) {
      return null;
    }
    String problem = scanned.problem() != null ? scanned.problem() : "the last batch is not closed";
    long damage = scanned.problem() != null ? scanned.problemOffset() : scanned.committedEnd();
    long damageSequence =
        scanned.problem() != null ? scanned.expected() : scanned.committedSequence();
    if (!last) {
      throw new JournalCorruptedException(file, damage, damageSequence,
          problem + ", in a segment that later segments follow");
    }
    if (reader != null) {
      for (long p = damage + 1; p + Format.FRAME_HEADER <= fileSize; p++) {
        if (reader.soundFrameAt(p, scanned.expected())) {
          throw new JournalCorruptedException(file, damage, damageSequence,
              problem + ", and a sound frame (sequence " + reader.sequence()
                  + ") follows at offset " + p);
        }
      }
    }
    return new TornTail(file, scanned.committedEnd(), fileSize, scanned.committedSequence(),
        problem, damage);
  }

  /** Where the last segment's sound, closed batches end, as {@link #recover} would judge it. */
  record Last(long end, long size, Hash head, Optional<TornTail> tornTail) {}

  /**
   * Scans only the last segment, from what its own header says it continues, and judges its end
   * as {@link #recover} does; the segments before it are not read.
   *
   * @throws JournalCorruptedException if its header or its frames are damaged beyond a torn tail
   */
  static Last recoverLast(SegmentFile f) throws IOException {
    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
      Format.SegmentHeader header = namedHeader(ch, f.path(), f.firstSequence(), f.firstSequence());
      Scanned scanned = scan(ch, f.path(), header.firstSequence(), header.previousHash().toByteArray());
      FrameReader reader = scanned.problem() != null
          ? new FrameReader(ch, Format.SEGMENT_HEADER, scanned.fileSize(), SCAN_BUFFER)
          : null;
      TornTail torn = judge(reader, f.path(), scanned, true);
      return torn == null
          ? new Last(scanned.fileSize(), scanned.expected(), Hash.of(scanned.head()), Optional.empty())
          : new Last(scanned.committedEnd(), scanned.committedSequence(),
              Hash.of(scanned.committedHead()), Optional.of(torn));
    }
  }

  /**
   * Scans the frames of one segment, from the first sequence and previous hash it continues.
   * Frames that hold the wrong sequence or link elsewhere are damage no torn write explains, and
   * throw; a frame that is incomplete or fails its CRC ends the scan and is returned as the
   * problem, for the caller to judge (a torn tail, or damage).
   */
  private static Scanned scan(FileChannel ch, Path file, long expected, byte[] startHead)
      throws IOException {
    long fileSize = ch.size();
    Segment segment = new Segment(file, expected);
    byte[] head = startHead.clone();
    FrameReader reader = new FrameReader(ch, Format.SEGMENT_HEADER, fileSize, SCAN_BUFFER);
    long committedEnd = Format.SEGMENT_HEADER;
    long committedCount = 0;
    long committedSequence = expected;
    byte[] committedHead = head.clone();
    while (reader.next()) {
      checkFrame(reader, file, expected, head);
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
    return new Scanned(segment, fileSize, expected, head, committedEnd, committedCount,
        committedSequence, committedHead, reader.problem(), reader.offset());
  }

  /**
   * Checks that the sound frame {@code reader} just parsed holds the {@code expected} sequence and
   * links to {@code head}, the hash kept for the record before: damage no torn write explains.
   */
  static void checkFrame(FrameReader reader, Path file, long expected, byte[] head)
      throws JournalCorruptedException {
    if (reader.sequence() != expected) {
      throw new JournalCorruptedException(file, reader.offset(), expected,
          "frame holds sequence " + reader.sequence());
    }
    if (!reader.linksTo(head)) {
      throw new JournalCorruptedException(file, reader.offset(), expected,
          "record does not link to the hash of record " + (expected - 1));
    }
  }

  /** Reads and parses a segment's header; {@code expected} names the sequence in errors. */
  private static Format.SegmentHeader readHeader(FileChannel ch, Path file, long expected)
      throws IOException {
    byte[] h = new byte[Format.SEGMENT_HEADER];
    ByteBuffer b = ByteBuffer.wrap(h);
    while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
      // read the whole header, or what there is of it
    }
    return Format.SegmentHeader.parse(file, expected, h, b.position());
  }

  /** Reads a segment's header and checks that it starts where the file's name says. */
  private static Format.SegmentHeader namedHeader(
      FileChannel ch, Path file, long nameSequence, long expected) throws IOException {
    Format.SegmentHeader header = readHeader(ch, file, expected);
    if (header.firstSequence() != nameSequence) {
      throw new JournalCorruptedException(file, 12, expected, "header says the segment starts at "
          + header.firstSequence() + ", its name says " + nameSequence);
    }
    return header;
  }

  static void checkHeader(
      FileChannel ch, Path file, long nameSequence, long expected, byte[] head) throws IOException {
    Format.SegmentHeader header = namedHeader(ch, file, nameSequence, expected);
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
