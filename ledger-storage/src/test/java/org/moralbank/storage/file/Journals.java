package org.moralbank.storage.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** File surgery on journal directories, for the damage tests. */
final class Journals {
  private Journals() {}

  /** The segment files of {@code dir}, in sequence order. */
  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(Format.SEGMENT_SUFFIX)).sorted().toList();
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
