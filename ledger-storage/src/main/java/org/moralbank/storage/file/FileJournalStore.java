package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.Snapshot;
import org.moralbank.ledger.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segmented file journal: the embedded default {@link JournalStore}, one directory per
 * branch journal.
 *
 * <pre>
 *   branch-dir/
 *     journal.lock                        OS lock: one writer, in any process
 *     00000000000000000000.seg            segment: header, then frames of records 0 ..
 *     00000000000000052113.seg            the active segment, starting at record 52113
 *     snapshot-00000000000000050000.snap  engine state after 50000 records
 * </pre>
 *
 * <p><b>Writing.</b> {@link #append} encodes a batch as consecutive frames (length, CRC32C,
 * sequence, flags, previous hash, hash, record), marks the last frame as the end of the batch,
 * and hands them to the active segment in one positional write followed by one {@code
 * FileChannel.force}: one sync per batch however many records it holds (group commit), and the
 * batch is durable when the call returns. A batch that would push a segment past its size limit
 * goes to a new segment, whose header is written to a temporary file, synced, renamed into place
 * and followed by a sync of the directory, so a segment file with its final name always has a
 * complete header. A batch never spans two segments.
 *
 * <p><b>Failing.</b> If a write or a sync fails the batch fails and the store refuses every
 * later append with {@link StoreFailedException}: after a failed {@code fsync} nobody knows which
 * bytes reached the disk, so the only safe move is to stop and let recovery decide when the
 * journal is reopened. Records already acknowledged stay readable.
 *
 * <p><b>Opening.</b> {@link #open} locks the directory ({@link JournalLockedException} if
 * anyone holds it) and scans every frame of every segment: CRC32C, sequence, and the link from
 * each record's previous hash to the hash of the record before it. The one repair it makes is to
 * cut off a torn tail, the frames of an unfinished last batch that a crash left half written,
 * with a warning in the log; any other damage throws {@link JournalCorruptedException} naming
 * the file, byte offset and sequence. Neither the scan nor reading recomputes leaf hashes: the
 * store keeps the hashes the engine computed, under the frame's CRC, and the engine and the
 * auditor's verifier recompute them from the record bytes.
 *
 * <p><b>Reading.</b> {@link #read} scans frames sequentially through a large buffer, checking
 * each CRC on the way. The store keeps, per segment, the offset of every 256th frame, so that a
 * read from the middle of a segment starts close to where it should. Reads run concurrently with
 * appends and with each other.
 *
 * <p><b>Snapshots</b> are written atomically (temporary file, sync, rename, directory sync) with
 * their own header and CRC32C; the store keeps the newest and the one before it. A damaged
 * snapshot is logged and skipped, so the engine falls back to the older one or replays the
 * records. A sound snapshot that covers more records than the journal holds means acknowledged
 * records were lost, and {@link #open} refuses the journal.
 *
 * <p>The format is specified in docs/file-journal.md; this class is thread-safe.
 */
public final class FileJournalStore implements JournalStore {
  private static final Logger log = LoggerFactory.getLogger(FileJournalStore.class);

  /** Segments roll over at 64 MiB unless told otherwise. */
  public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;
  /** The smallest segment size accepted. */
  public static final long MIN_SEGMENT_SIZE = 1024;

  private static final int MAX_BATCH_BYTES = Integer.MAX_VALUE - 64;
  private static final int KEPT_WRITE_BUFFER = 1 << 20;

  private final Path directory;
  private final long segmentSize;
  private final ChannelOpener opener;
  private final DirectoryLock lock;
  /** Guarded by its own monitor; the segments guard their own counters. */
  private final List<Segment> segments;
  /** Serializes appends and close; the fields below it are guarded by it. */
  private final Object appendLock = new Object();
  private final Object snapshotLock = new Object();
  private final CRC32C crc = new CRC32C();
  private FileChannel active;
  private byte[] writeBuffer = new byte[64 * 1024];
  private Throwable failure;
  private volatile long size;
  private volatile Hash head;
  private volatile boolean closed;
  private final boolean readOnly;
  /** For a read-only store: the torn tail it read around, described; else empty. */
  private final Optional<String> tornTail;
  /**
   * The snapshot {@code open} read and checked, handed out by the first {@link #latestSnapshot}
   * and then dropped: a journal opens by reading it right away, and a large state is not read
   * (and CRC-checked) twice. Null once handed out or after a newer snapshot was saved.
   */
  private Optional<Snapshot> openedSnapshot;

  private FileJournalStore(Path directory, long segmentSize, ChannelOpener opener,
      DirectoryLock lock, Recovery.Result recovered, FileChannel active,
      Optional<SnapshotFile.Found> snapshot) {
    // A read-only store was opened without reading a snapshot; it reads one when asked.
    this.openedSnapshot = lock == null ? null : snapshot.map(SnapshotFile.Found::snapshot);
    this.readOnly = lock == null;
    this.tornTail = readOnly
        ? recovered.tornTail().map(Recovery.TornTail::describe)
        : Optional.empty();
    this.directory = directory;
    this.segmentSize = segmentSize;
    this.opener = opener;
    this.lock = lock;
    this.segments = new ArrayList<>(recovered.segments());
    this.size = recovered.size();
    this.head = recovered.head();
    this.active = active;
  }

  /**
   * Opens the journal in {@code directory} with 64 MiB segments, creating it if need be.
   *
   * @param directory the journal's directory, one per branch journal
   * @return the store, locked for this writer
   * @throws IOException if the journal is locked, damaged beyond a torn tail, or cannot be read
   */
  public static FileJournalStore open(Path directory) throws IOException {
    return open(directory, DEFAULT_SEGMENT_SIZE);
  }

  /**
   * Opens the journal in {@code directory}, creating the directory and an empty journal if there
   * is none; recovers from a crash as the class comment says.
   *
   * @param segmentSize the size in bytes at which a new segment is started
   * @param directory the journal's directory, one per branch journal
   * @return the store, locked for this writer
   * @throws JournalLockedException if the journal is open elsewhere, in this process or another
   * @throws JournalCorruptedException if the journal is damaged beyond a torn tail
   * @throws IllegalArgumentException if {@code segmentSize} is below {@link #MIN_SEGMENT_SIZE}
   */
  public static FileJournalStore open(Path directory, long segmentSize) throws IOException {
    return open(directory, segmentSize, ChannelOpener.DEFAULT);
  }

  static FileJournalStore open(Path directory, long segmentSize, ChannelOpener opener)
      throws IOException {
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(opener, "opener == null");
    if (segmentSize < MIN_SEGMENT_SIZE) {
      throw new IllegalArgumentException(
          "segment size " + segmentSize + " is below the minimum of " + MIN_SEGMENT_SIZE);
    }
    Files.createDirectories(directory);
    DirectoryLock lock = DirectoryLock.acquire(directory);
    try {
      // The snapshot (up to a gigabyte) is read and checked on a second thread while this one
      // scans the segments: the lock keeps both still, and the two reads are independent. With a
      // snapshot to read, the segments are scanned on this thread alone (two scanning threads
      // beside the reader made the open slower on two cores).
      boolean snapshotToRead = !SnapshotFile.listed(directory).isEmpty();
      FutureTask<Optional<SnapshotFile.Found>> snapshotRead =
          new FutureTask<>(() -> SnapshotFile.latest(directory));
      Thread reader = new Thread(snapshotRead, "moralbank-snapshot-read");
      reader.setDaemon(true);
      reader.start();
      List<Path> temporaries = new ArrayList<>();
      List<Recovery.SegmentFile> files;
      Recovery.Result recovered;
      try {
        files = listSegments(directory, temporaries);
        recovered = files.isEmpty()
            ? new Recovery.Result(List.of(), 0, Hash.ZERO, Optional.empty())
            : Recovery.recover(files, snapshotToRead ? 1 : 2);
      } finally {
        // Never leave the reader behind: its result or failure is awaited either way.
        awaitQuietly(snapshotRead);
      }
      Optional<SnapshotFile.Found> snapshot = Tasks.result(snapshotRead, "reading the snapshot");
      if (snapshot.isPresent() && snapshot.get().snapshot().size() > recovered.size()) {
        throw SnapshotFile.beyond(snapshot.get(), recovered.size());
      }
      // every check has passed: now change what needs changing
      if (recovered.tornTail().isPresent()) {
        recovered.tornTail().get().trim();
      }
      for (Path t : temporaries) {
        log.info("deleting {}, left over from an interrupted segment or snapshot write", t);
        Files.delete(t);
      }
      if (files.isEmpty()) {
        Path first = createSegment(directory, opener, 0, Hash.ZERO);
        recovered = new Recovery.Result(
            List.of(new Segment(first, 0)), 0, Hash.ZERO, Optional.empty());
      }
      List<Segment> segments = recovered.segments();
      FileChannel active = opener.open(
          segments.get(segments.size() - 1).path(), Set.of(StandardOpenOption.WRITE));
      log.debug("opened journal {}: {} records in {} segments", directory, recovered.size(),
          segments.size());
      return new FileJournalStore(directory, segmentSize, opener, lock, recovered, active, snapshot);
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  private static void awaitQuietly(FutureTask<?> task) {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Opens an existing journal for reading only, as an auditor or a backup check does: it takes no
   * lock (a live writer may keep appending; this store sees the records that were complete when
   * it opened), changes nothing on disk, and leaves a torn tail and temporary files where they
   * are, reading only the sound records before them. Damage other than a torn tail is refused as
   * by {@link #open}. {@link #append} and {@link #saveSnapshot} throw {@link
   * IllegalStateException}.
   *
   * @param directory the journal's directory
   * @return the store, for reading only
   * @throws java.nio.file.NoSuchFileException if {@code directory} does not exist
   * @throws JournalCorruptedException if the journal is damaged beyond a torn tail
   */
  public static FileJournalStore openReadOnly(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory == null");
    if (!Files.isDirectory(directory)) {
      throw new java.nio.file.NoSuchFileException(directory.toString(), null, "no journal directory");
    }
    // The snapshots before the segments: a live writer saves a snapshot only after the records it
    // covers are durable, so listed in this order a snapshot can never be ahead of the segments.
    // Only their names are read: a reader (an audit) has no use for a state of a gigabyte, and
    // reads a snapshot only to confirm that one ahead of the segments is sound.
    List<Long> snapshots = SnapshotFile.listed(directory);
    List<Recovery.SegmentFile> files = listSegments(directory, new ArrayList<>());
    Recovery.Result recovered = files.isEmpty()
        ? new Recovery.Result(List.of(), 0, Hash.ZERO, Optional.empty())
        : Recovery.recover(files, 2);
    Optional<SnapshotFile.Found> snapshot =
        SnapshotFile.soundBeyond(directory, snapshots, recovered.size());
    if (snapshot.isPresent()) {
      throw SnapshotFile.beyond(snapshot.get(), recovered.size());
    }
    recovered.tornTail().ifPresent(t -> log.warn(
        "journal {} ends in a torn tail ({} bytes from offset {} of {}); reading the {} records"
            + " before it and leaving the files untouched", directory, t.fileSize() - t.keep(),
        t.keep(), t.file().getFileName(), recovered.size()));
    return new FileJournalStore(directory, DEFAULT_SEGMENT_SIZE, ChannelOpener.DEFAULT, null,
        recovered, null, Optional.empty());
  }

  /** The segment files, in sequence order; collects temporary files in {@code temporaries}. */
  static List<Recovery.SegmentFile> listSegments(Path dir, List<Path> temporaries)
      throws IOException {
    List<Recovery.SegmentFile> files = new ArrayList<>();
    List<Path> all;
    try (Stream<Path> s = Files.list(dir)) {
      all = s.sorted().toList();
    }
    for (Path f : all) {
      String name = f.getFileName().toString();
      if (name.endsWith(Format.TEMP_SUFFIX)) {
        temporaries.add(f);
        continue;
      }
      long first = Format.parseName(name, "", Format.SEGMENT_SUFFIX);
      if (first >= 0) {
        files.add(new Recovery.SegmentFile(f, first));
      }
    }
    return files;
  }

  private static Path createSegment(Path dir, ChannelOpener opener, long first, Hash previous)
      throws IOException {
    return DurableFiles.writeAtomically(
        dir, Format.segmentName(first), Format.segmentHeader(first, previous), opener);
  }

  /**
   * For a store opened with {@link #openReadOnly}: the torn tail at the end of the journal that it
   * read around and left on disk.
   *
   * @return the torn tail, described (bytes, offset, file, what was wrong); empty when there is
   *     none or the store was opened for writing (which trims it)
   */
  public Optional<String> tornTail() {
    return tornTail;
  }

  /** {@return the journal's directory} */
  public Path directory() {
    return directory;
  }

  /** {@return true: the directory lock admits one writer} */
  @Override
  public boolean exclusive() {
    return true;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Hash head() {
    return head;
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreFailedException if an earlier append failed; reopen the store to recover
   * @throws IllegalArgumentException if the batch does not continue the journal, or a record is
   *     longer than 64 MiB; nothing is written
   */
  @Override
  public void append(List<JournalRecord> batch) throws IOException {
    synchronized (appendLock) {
      checkOpen();
      checkWritable();
      if (failure != null) {
        throw new StoreFailedException(directory, failure);
      }
      Stores.checkBatch(batch, size, head);
      long bytes = 0;
      for (JournalRecord r : batch) {
        if (r.bytes().length > Format.MAX_RECORD) {
          throw new IllegalArgumentException("record " + r.sequence() + " of " + r.bytes().length
              + " bytes is longer than " + Format.MAX_RECORD);
        }
        bytes += Format.frameLength(r);
      }
      if (bytes > MAX_BATCH_BYTES) {
        throw new IllegalArgumentException("a batch of " + bytes + " bytes is too large");
      }
      try {
        write(batch, (int) bytes);
      } catch (IOException | RuntimeException | Error e) {
        failure = e;
        log.error("append to journal {} failed; refusing appends until it is reopened",
            directory, e);
        throw e;
      }
      JournalRecord last = batch.get(batch.size() - 1);
      head = last.hash();
      size = last.sequence() + 1;
    }
  }

  private void write(List<JournalRecord> batch, int bytes) throws IOException {
    Segment segment = activeSegment();
    if (segment.count() > 0 && segment.end() + bytes > segmentSize) {
      segment = roll();
    }
    byte[] buffer = bytes <= writeBuffer.length ? writeBuffer : new byte[bytes];
    if (buffer.length <= KEPT_WRITE_BUFFER) {
      writeBuffer = buffer;
    }
    int n = Format.encodeBatch(batch, buffer, crc);
    long start = segment.end();
    DurableFiles.writeFully(active, ByteBuffer.wrap(buffer, 0, n), start);
    active.force(false);
    long offset = start;
    for (JournalRecord r : batch) {
      segment.add(offset, Format.frameLength(r));
      offset += Format.frameLength(r);
    }
  }

  private Segment roll() throws IOException {
    Path file = createSegment(directory, opener, size, head);
    FileChannel next = opener.open(file, Set.of(StandardOpenOption.WRITE));
    FileChannel previous = active;
    active = next;
    previous.close();
    Segment segment = new Segment(file, size);
    synchronized (segments) {
      segments.add(segment);
    }
    log.debug("journal {}: new segment {}", directory, file.getFileName());
    return segment;
  }

  private Segment activeSegment() {
    synchronized (segments) {
      return segments.get(segments.size() - 1);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws JournalCorruptedException if a frame in the range fails its check (damage that
   *     happened after the journal was opened)
   */
  @Override
  public void read(long from, long to, RecordConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer == null");
    checkOpen();
    Stores.checkRange(from, to, size);
    List<Segment.Span> spans = new ArrayList<>();
    synchronized (segments) {
      for (Segment s : segments) {
        Segment.Span span = s.span(from, to);
        if (span != null) {
          spans.add(span);
        }
      }
    }
    long next = from;
    for (Segment.Span span : spans) {
      next = read(span, from, to, consumer);
    }
    if (next != to) {
      throw new AssertionError("segments end at " + next + ", before " + to);
    }
  }

  private static long read(Segment.Span span, long from, long to, RecordConsumer consumer)
      throws IOException {
    int buffer = (int) Math.min(span.end() - span.offset(),
        to - from <= Segment.INDEX_INTERVAL ? 32 << 10 : 1 << 20);
    long expected = span.sequence();
    try (FileChannel ch = FileChannel.open(span.path(), StandardOpenOption.READ)) {
      FrameReader reader = new FrameReader(ch, span.offset(), span.end(), buffer);
      while (expected < to && reader.next()) {
        if (reader.sequence() != expected) {
          throw new JournalCorruptedException(span.path(), reader.offset(), expected,
              "frame holds sequence " + reader.sequence());
        }
        if (expected >= from) {
          consumer.accept(reader.record());
        }
        expected++;
      }
      if (reader.problem() != null) {
        throw new JournalCorruptedException(span.path(), reader.offset(), expected,
            reader.problem());
      }
    }
    return expected;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Written atomically; the store then keeps this snapshot and the newest older one, and
   * deletes the rest.
   *
   * @throws IllegalArgumentException if the snapshot covers more records than the store holds
   */
  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    Objects.requireNonNull(snapshot, "snapshot == null");
    synchronized (snapshotLock) {
      checkOpen();
      checkWritable();
      if (snapshot.size() > size) {
        throw new IllegalArgumentException("snapshot at size " + snapshot.size()
            + " is ahead of the store (" + size + ")");
      }
      SnapshotFile.save(directory, snapshot);
      openedSnapshot = null;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Damaged snapshot files are logged and skipped.
   */
  @Override
  public Optional<Snapshot> latestSnapshot() throws IOException {
    synchronized (snapshotLock) {
      checkOpen();
      Optional<Snapshot> opened = openedSnapshot;
      if (opened != null) {
        openedSnapshot = null;
        return opened;
      }
      // A reader never hands out a snapshot ahead of the records it sees (a writer may be on).
      return SnapshotFile.latest(directory, readOnly ? size() : Long.MAX_VALUE)
          .map(SnapshotFile.Found::snapshot);
    }
  }

  /** Closes the segment files and releases the lock; later calls fail. Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (appendLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (readOnly) {
        return;
      }
      try (lock) {
        active.close();
      }
    }
  }

  private void checkWritable() {
    if (readOnly) {
      throw new IllegalStateException("journal " + directory + " was opened read-only");
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("journal " + directory + " is closed");
    }
  }

  @Override
  public String toString() {
    return "FileJournalStore[" + directory + ", " + size + " records]";
  }
}
