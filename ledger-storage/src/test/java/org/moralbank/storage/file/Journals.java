package org.moralbank.storage.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/** File surgery on journal directories, for the damage tests. */
final class Journals {
  private Journals() {}

  /** Where a frame sits in its segment file. */
  record Frame(long offset, int length, long sequence, boolean endOfBatch) {}

  /**
   * Writes a journal to {@code dir} whose records come in batches of the given sizes; returns
   * the records.
   */
  static List<JournalRecord> write(Path dir, long segmentSize, int... batchSizes)
      throws IOException {
    int total = java.util.Arrays.stream(batchSizes).sum();
    List<JournalRecord> records = JournalStoreContract.chain(0, Hash.ZERO, total, "journal");
    try (FileJournalStore store = FileJournalStore.open(dir, segmentSize)) {
      int i = 0;
      for (int n : batchSizes) {
        store.append(records.subList(i, i + n));
        i += n;
      }
    }
    return records;
  }

  /** The sound frames of a segment file, in order. */
  static List<Frame> frames(Path segment) throws IOException {
    List<Frame> frames = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      FrameReader r = new FrameReader(ch, Format.SEGMENT_HEADER, ch.size(), 4096);
      while (r.next()) {
        frames.add(new Frame(r.offset(), r.frameLength(), r.sequence(), r.endOfBatch()));
      }
    }
    return frames;
  }

  /** What {@code action} wrote to System.err, where slf4j-simple logs. */
  static String stderrOf(IoAction action) throws IOException {
    PrintStream old = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }

  /** The segment files of {@code dir}, in sequence order. */
  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(Format.SEGMENT_SUFFIX))
          .sorted()
          .toList();
    }
  }

  /** The snapshot files of {@code dir}, in size order. */
  static List<Path> snapshots(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".snap")).sorted().toList();
    }
  }

  /** Copies the regular files of {@code from} (not the lock) into a new directory {@code to}. */
  static Path copy(Path from, Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> s = Files.list(from)) {
        for (Path f : s.toList()) {
          if (!f.getFileName().toString().equals(DirectoryLock.FILE)) {
            Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void flipBit(Path file, long offset, int bit) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[Math.toIntExact(offset)] ^= (byte) (1 << bit);
    Files.write(file, b);
  }

  static void truncate(Path file, long size) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(b, Math.toIntExact(size)));
  }
}
