package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files, format version 1 (docs/file-journal.md), named {@code
 * snapshot-<size, 20 digits>.snap}. All integers are big-endian.
 *
 * <pre>
 *   0  8  magic 89 'MBSNAP' 0a
 *   8  4  format version (1)
 *  12  8  size: records the snapshot covers
 *  20 32  head: hash of record size - 1
 *  52  4  n, the state's length
 *  56  n  state, the engine's own encoding
 *  56+n 4 CRC32C of bytes 0 .. 55+n
 * </pre>
 *
 * <p>A snapshot is derived data: one that is damaged is logged and skipped, and the engine falls
 * back to an older snapshot or replays from the first record.
 */
final class SnapshotFile {
  private static final Logger log = LoggerFactory.getLogger(SnapshotFile.class);

  static final byte[] MAGIC = {(byte) 0x89, 'M', 'B', 'S', 'N', 'A', 'P', '\n'};
  static final int HEADER = 56;
  private static final String PREFIX = "snapshot-";
  private static final String SUFFIX = ".snap";

  private SnapshotFile() {}

  /** A snapshot and the file it was read from. */
  record Found(Path file, Snapshot snapshot) {}

  static String name(long size) {
    return String.format(Locale.ROOT, "%s%020d%s", PREFIX, size, SUFFIX);
  }

  static byte[] encode(Snapshot s) {
    byte[] state = s.state();
    ByteBuffer b = ByteBuffer.allocate(HEADER + state.length + 4);
    b.put(MAGIC).putInt(Format.VERSION).putLong(s.size()).put(s.head().toByteArray());
    b.putInt(state.length).put(state);
    b.putInt(Format.crc(b.array(), 0, HEADER + state.length));
    return b.array();
  }

  /** Writes {@code s} atomically, then deletes every other snapshot but the newest older one. */
  static void save(Path dir, Snapshot s) throws IOException {
    DurableFiles.writeAtomically(dir, name(s.size()), encode(s), ChannelOpener.DEFAULT);
    boolean keptOlder = false;
    for (long size : listed(dir)) {
      if (size < s.size() && !keptOlder) {
        keptOlder = true;
      } else if (size != s.size()) {
        Files.deleteIfExists(dir.resolve(name(size)));
      }
    }
  }

  /** The snapshot covering the most records that reads back sound; damaged ones are logged. */
  static Optional<Found> latest(Path dir) throws IOException {
    return latest(dir, Long.MAX_VALUE);
  }

  /** The newest sound snapshot that covers at most {@code maxSize} records. */
  static Optional<Found> latest(Path dir, long maxSize) throws IOException {
    for (long size : listed(dir)) {
      if (size > maxSize) {
        continue;
      }
      Path file = dir.resolve(name(size));
      try {
        return Optional.of(new Found(file, read(file, size)));
      } catch (JournalCorruptedException e) {
        log.warn("ignoring damaged snapshot: {}", e.getMessage());
      } catch (NoSuchFileException e) {
        // replaced by a newer snapshot meanwhile
      }
    }
    return Optional.empty();
  }

  /** The damage a sound snapshot beyond a journal of {@code size} records is. */
  static JournalCorruptedException beyond(Found snapshot, long size) {
    return new JournalCorruptedException(snapshot.file(), 12, size, "the snapshot covers "
        + snapshot.snapshot().size() + " records but the journal holds only " + size
        + ": acknowledged records are missing");
  }

  /**
   * The first of {@code sizes} (newest first) whose file in {@code dir} is a sound snapshot
   * covering more than {@code size} records, skipping damaged and vanished ones.
   */
  static Optional<Found> soundBeyond(Path dir, List<Long> sizes, long size) throws IOException {
    for (long s : sizes) {
      if (s <= size) {
        break;
      }
      Path file = dir.resolve(name(s));
      try {
        return Optional.of(new Found(file, read(file, s)));
      } catch (JournalCorruptedException e) {
        log.warn("ignoring damaged snapshot: {}", e.getMessage());
      } catch (NoSuchFileException e) {
        // replaced by a newer snapshot meanwhile
      }
    }
    return Optional.empty();
  }

  static Snapshot read(Path file, long nameSize) throws IOException {
    // Header, state and CRC are read into separate buffers: the state (a gigabyte for ten million
    // transfers) is read once, straight into the array the snapshot keeps, never copied.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = ch.size();
      if (fileSize < HEADER + 4) {
        throw new JournalCorruptedException(file, 0, nameSize, "snapshot file of " + fileSize
            + " bytes is shorter than its header");
      }
      ByteBuffer header = readFully(ch, ByteBuffer.allocate(HEADER), 0, file, nameSize);
      byte[] h = header.array();
      if (!Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new JournalCorruptedException(file, 0, nameSize, "not a snapshot: bad magic");
      }
      int n = header.getInt(52);
      if (n < 0 || n != fileSize - HEADER - 4) {
        throw new JournalCorruptedException(file, 52, nameSize, "state length "
            + Integer.toUnsignedString(n) + " does not match a file of " + fileSize + " bytes");
      }
      byte[] state = new byte[n];
      readFully(ch, ByteBuffer.wrap(state), HEADER, file, nameSize);
      int stored = readFully(ch, ByteBuffer.allocate(4), HEADER + (long) n, file, nameSize).getInt(0);
      CRC32C crc = new CRC32C();
      crc.update(h, 0, HEADER);
      crc.update(state, 0, n);
      if (stored != (int) crc.getValue()) {
        throw new JournalCorruptedException(file, HEADER + n, nameSize,
            "snapshot fails its CRC32C");
      }
      int version = header.getInt(8);
      if (version != Format.VERSION) {
        throw new JournalCorruptedException(file, 8, nameSize, "unsupported snapshot format version "
            + version + " (this library reads " + Format.VERSION + ")");
      }
      long size = header.getLong(12);
      if (size != nameSize || size < 1) {
        throw new JournalCorruptedException(file, 12, nameSize, "snapshot says it covers " + size
            + " records, its name says " + nameSize);
      }
      return new Snapshot(size, Hash.of(h, 20), state);
    }
  }

  /** Fills {@code buffer} from {@code position}; a file that ends first is a damaged snapshot. */
  private static ByteBuffer readFully(FileChannel ch, ByteBuffer buffer, long position, Path file,
      long nameSize) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = ch.read(buffer, at);
      if (read < 0) {
        throw new JournalCorruptedException(file, at, nameSize, "snapshot file ends early");
      }
      at += read;
    }
    return buffer;
  }

  /** The sizes named by the snapshot files in {@code dir}, largest first. */
  /**
   * The sizes of the snapshot files in {@code dir}, newest first, as their names give them: the
   * files are not read, and any of them may be damaged or gone by the time one is.
   */
  static List<Long> listed(Path dir) throws IOException {
    List<Long> sizes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> {
        long size = Format.parseName(f.getFileName().toString(), PREFIX, SUFFIX);
        if (size >= 0) {
          sizes.add(size);
        }
      });
    }
    sizes.sort(Comparator.reverseOrder());
    return sizes;
  }
}
