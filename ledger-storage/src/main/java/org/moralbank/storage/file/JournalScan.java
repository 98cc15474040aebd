package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.moralbank.ledger.Hash;

/**
 * A file journal read once, in order, for a reader that needs each record once and should not
 * read the files twice: an audit. {@link FileJournalStore#openReadOnly} reads every segment to
 * open and then again to hand the records out; a scan reads only the last segment to open (to
 * learn where the journal ends and whether it ends in a torn tail) and checks everything else as
 * it hands the records out.
 *
 * <p>The checks are those of {@link FileJournalStore#openReadOnly}: every frame's CRC32C,
 * sequence and link to the record before, every segment header's continuity, batches closed, a
 * torn tail told apart from damage, no snapshot beyond the journal's end. The difference is when
 * damage surfaces: as a {@link JournalCorruptedException} from {@link #read}, once every record
 * before it has been handed over, rather than from opening. Like a read-only store, a scan takes
 * no lock (a live writer may go on appending; the scan sees the records complete when it was
 * opened) and changes nothing on disk.
 *
 * <p>{@link #read} reads the segments ahead of the checks on a thread of its own, and reads
 * what the page cache does not hold past it ({@code O_DIRECT}): see docs/file-journal.md.
 *
 * <p>Not thread-safe; {@link #read} may be called more than once.
 */
public final class JournalScan {
  private static final int BUFFER = 1 << 20;

  private final Path directory;
  private final List<Long> snapshots;
  private final List<Recovery.SegmentFile> files;
  private final List<Path> temporaries;
  /** Where the last segment ends; null if it is damaged, which {@link #read} reports in order. */
  private final Recovery.Last last;
  private final JournalCorruptedException lastDamage;

  private JournalScan(Path directory, List<Long> snapshots, List<Recovery.SegmentFile> files,
      List<Path> temporaries, Recovery.Last last, JournalCorruptedException lastDamage) {
    this.directory = directory;
    this.snapshots = snapshots;
    this.files = files;
    this.temporaries = temporaries;
    this.last = last;
    this.lastDamage = lastDamage;
  }

  /** Receives the records of a scan. */
  @FunctionalInterface
  public interface FrameConsumer {
    /**
     * The record at {@code sequence}, inside a buffer that is reused after the call: its
     * canonical bytes are {@code buffer[offset, offset + length)}, and the leaf hash the journal
     * keeps for it is the {@value Hash#LENGTH} bytes at {@code hashOffset}. The scan has checked
     * the frame's CRC32C, its sequence, and that it links to the leaf hash kept for the record
     * before (the first to zero); it has not recomputed any hash.
     *
     * @param sequence the record's position in the journal
     * @param buffer the buffer holding the frame
     * @param offset where the record's bytes start
     * @param length the record's length
     * @param hashOffset where the leaf hash kept for the record starts
     * @return false to stop the scan
     * @throws IOException to stop the scan with that exception
     */
    boolean accept(long sequence, byte[] buffer, int offset, int length, int hashOffset)
        throws IOException;

    /**
     * The record just handed over closed its batch: the first {@code records} records are all in
     * closed batches. Records of a batch are handed over before its end is seen; a batch that
     * never closes is damage, reported at its first record.
     *
     * @param records the records handed over so far
     * @throws IOException to stop the scan with that exception
     */
    default void batchClosed(long records) throws IOException {}
  }

  /**
   * Lists the journal's files and scans its last segment.
   *
   * @param directory the journal's directory
   * @return the scan, ready to {@link #read}
   * @throws NoSuchFileException if {@code directory} does not exist or holds no segment file
   */
  public static JournalScan open(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory == null");
    if (!Files.isDirectory(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "no journal directory");
    }
    // Snapshots before segments, for the reason FileJournalStore.openReadOnly gives.
    List<Long> snapshots = SnapshotFile.listed(directory);
    List<Path> temporaries = new ArrayList<>();
    List<Recovery.SegmentFile> files = FileJournalStore.listSegments(directory, temporaries);
    if (files.isEmpty()) {
      throw new NoSuchFileException(directory.toString(), null, "no journal segment files here");
    }
    Recovery.Last last = null;
    JournalCorruptedException damage = null;
    try {
      last = Recovery.recoverLast(files.get(files.size() - 1));
    } catch (JournalCorruptedException e) {
      damage = e;
    }
    return new JournalScan(directory, snapshots, List.copyOf(files), List.copyOf(temporaries),
        last, damage);
  }

  /** {@return the number of records the journal holds, or -1 if its last segment is damaged} */
  public long size() {
    return last == null ? -1 : last.size();
  }

  /**
   * {@return the leaf hash the journal keeps for its last record, as the last segment says} Only
   * {@link #read} checks that the chain reaches it. Zero for an empty journal or a damaged last
   * segment.
   */
  public Hash head() {
    return last == null ? Hash.ZERO : last.head();
  }

  /**
   * {@return the torn tail the scan reads around and leaves on disk, described} Empty when there
   * is none.
   */
  public Optional<String> tornTail() {
    return last == null ? Optional.empty() : last.tornTail().map(Recovery.TornTail::describe);
  }

  /** {@return temporary files an interrupted write left in the directory, left untouched} */
  public List<Path> temporaryFiles() {
    return temporaries;
  }

  /** {@return the segment files, in sequence order} */
  public List<Path> segmentFiles() {
    return files.stream().map(Recovery.SegmentFile::path).toList();
  }

  /**
   * Hands every record to {@code consumer}, in order, checking the files as it goes.
   *
   * @param consumer receives the records
   * @return the number of records handed over (fewer than {@link #size} if the consumer stopped;
   *     the scan then reads on to the end of that record's batch, and reports it as damage if
   *     the batch never closes)
   * @throws JournalCorruptedException at the first damage, with its file, offset and sequence,
   *     after every record before it has been handed over; when the damage is a batch left
   *     unclosed in a segment that later segments follow, the records of that batch were handed
   *     over too (only the segment's end shows it), and the exception's sequence says where the
   *     journal's sound records end
   */
  public long read(FrameConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer == null");
    List<Path> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.path()));
    try (SegmentStream stream = new SegmentStream(paths)) {
      return read(consumer, stream);
    }
  }

  private long read(FrameConsumer consumer, SegmentStream stream) throws IOException {
    long handed = -1; // how many, once the consumer has stopped
    long expected = 0;
    byte[] head = new byte[Hash.LENGTH];
    for (int i = 0; i < files.size(); i++) {
      Recovery.SegmentFile f = files.get(i);
      boolean isLast = i == files.size() - 1;
      try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
        Recovery.checkHeader(ch, f.path(), f.firstSequence(), expected, head);
        long end = isLast
            ? (last != null ? last.end() : Math.min(lastDamage.offset(), ch.size()))
            : ch.size();
        FrameReader reader = new FrameReader(stream.source(i, ch), Format.SEGMENT_HEADER, end, BUFFER);
        long closedEnd = Format.SEGMENT_HEADER;
        long closedSequence = expected;
        while (reader.next()) {
          Recovery.checkFrame(reader, f.path(), expected, head);
          if (handed < 0 && !consumer.accept(expected, reader.buffer(), reader.recordOffset(),
              reader.recordLength(), reader.hashOffset())) {
            // Stopped: the batch must still turn out closed, or the stop was inside damage.
            handed = expected + 1;
          }
          reader.copyHashTo(head);
          expected++;
          if (reader.endOfBatch()) {
            closedEnd = reader.position();
            closedSequence = expected;
            if (handed >= 0) {
              return handed;
            }
            consumer.batchClosed(expected);
          }
        }
        // In the last segment the scan at opening judged the end already: damage found now
        // appeared since, or lies in a segment before the last.
        if (reader.problem() != null) {
          throw new JournalCorruptedException(f.path(), reader.offset(), expected,
              isLast ? reader.problem() : reader.problem() + ", in a segment that later segments follow");
        }
        if (isLast && lastDamage != null) {
          throw lastDamage;
        }
        if (closedEnd < end) {
          throw new JournalCorruptedException(f.path(), closedEnd, closedSequence, isLast
              ? "the last batch is not closed"
              : "the last batch is not closed, in a segment that later segments follow");
        }
      }
    }
    Optional<SnapshotFile.Found> snapshot = SnapshotFile.soundBeyond(directory, snapshots, expected);
    if (snapshot.isPresent()) {
      throw SnapshotFile.beyond(snapshot.get(), expected);
    }
    return expected;
  }
}
