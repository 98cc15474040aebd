package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-ahead behind every {@link JournalScan}: whatever it serves must be the file's own
 * bytes, whether it read them through the page cache or direct, whole or not at all, and
 * whatever order the scan reads in.
 */
class SegmentStreamTest {
  private static final int CHUNK = SegmentStream.CHUNK;

  @TempDir Path dir;

  /** Files of the given sizes, random bytes. */
  private List<Path> files(int... sizes) throws IOException {
    SplittableRandom random = new SplittableRandom(sizes.length * 31L + sizes[0]);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      byte[] b = new byte[sizes[i]];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) random.nextInt();
      }
      Path p = dir.resolve("f" + i);
      Files.write(p, b);
      out.add(p);
    }
    return out;
  }

  /** Reads {@code [from, to)} of file {@code index} through the stream in random pieces. */
  private static byte[] read(SegmentStream s, int index, Path p, long from, long to,
      SplittableRandom random) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      FrameReader.Source source = s.source(index, ch);
      byte[] out = new byte[(int) (to - from)];
      int done = 0;
      while (done < out.length) {
        int want = Math.min(out.length - done, 1 + random.nextInt(300_000));
        int n = source.read(out, done, want, from + done);
        assertTrue(n > 0, "read " + n + " at " + (from + done) + " of " + p);
        done += n;
      }
      return out;
    }
  }

  @ParameterizedTest(name = "askCache={0}")
  @ValueSource(booleans = {true, false})
  void servesEveryFileWhole_inPiecesOfAnySize(boolean askCache) throws IOException {
    int[] sizes = {2 * CHUNK + 12_345, CHUNK, 0, 1, 5_000, CHUNK + 512};
    List<Path> files = files(sizes);
    SplittableRandom random = new SplittableRandom(7);
    try (SegmentStream s = new SegmentStream(files, askCache)) {
      for (int i = 0; i < files.size(); i++) {
        Path p = files.get(i);
        assertArrayEquals(Files.readAllBytes(p), read(s, i, p, 0, sizes[i], random), p.toString());
      }
      // Past the end, as the file's own channel says.
      try (FileChannel ch = FileChannel.open(files.get(2), StandardOpenOption.READ)) {
        assertEquals(-1, ch.read(java.nio.ByteBuffer.allocate(1), 0));
      }
    }
  }

  @Test
  void readsDirect_whenTheCacheIsNotAsked_whereTheFileSystemAllows() throws IOException {
    List<Path> files = files(CHUNK + 100, 3 * 4096);
    Assumptions.assumeTrue(directReads(files.get(0)), "this file system refuses O_DIRECT");
    SplittableRandom random = new SplittableRandom(8);
    long total = Files.size(files.get(0)) + Files.size(files.get(1));
    try (SegmentStream s = new SegmentStream(files, false)) {
      for (int i = 0; i < files.size(); i++) {
        Path p = files.get(i);
        assertArrayEquals(Files.readAllBytes(p), read(s, i, p, 0, Files.size(p), random));
      }
      // The short tail of the first file (100 bytes past a whole chunk) was read direct too.
      assertEquals(total, s.directBytes());
      assertEquals(0, s.cachedBytes());
    }
  }

  /**
   * Where no direct channel can be had (a platform without {@code O_DIRECT}, a file system that
   * refuses it), chunks the cache is not asked about are read through it instead, whole and
   * correct. The machine's own file systems may all take the flag, so the refusal is stood in for.
   */
  @Test
  void withoutADirectChannel_everyChunkIsReadThroughTheCache() throws IOException {
    List<Path> files = files(CHUNK + 100, 3 * 4096);
    long total = Files.size(files.get(0)) + Files.size(files.get(1));
    try (SegmentStream s = new SegmentStream(files, false, p -> null)) {
      for (int i = 0; i < files.size(); i++) {
        Path p = files.get(i);
        assertArrayEquals(Files.readAllBytes(p), read(s, i, p, 0, Files.size(p), new SplittableRandom(10)));
      }
      assertEquals(0, s.directBytes());
      assertEquals(total, s.cachedBytes());
    }
    assertEquals(null, SegmentStream.openDirect(dir.resolve("no-such-file")), "a file that cannot be opened");
  }

  /**
   * A direct channel whose reads fail (a file system that takes the flag but refuses the reads;
   * stood in for by a directory, whose reads fail): the cache reads those chunks instead.
   */
  @Test
  void aDirectChannelWhoseReadsFail_isReadAroundThroughTheCache() throws IOException {
    List<Path> files = files(2 * CHUNK + 7);
    Path directory = Files.createDirectory(dir.resolve("not-a-file"));
    List<FileChannel> opened = new ArrayList<>();
    try (SegmentStream s = new SegmentStream(files, false, p -> {
      try {
        FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ);
        opened.add(ch);
        return ch;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      Path p = files.get(0);
      assertArrayEquals(Files.readAllBytes(p), read(s, 0, p, 0, Files.size(p), new SplittableRandom(11)));
      assertEquals(0, s.directBytes());
      assertEquals(Files.size(p), s.cachedBytes());
    }
    assertEquals(1, opened.size(), "the stream asked for a direct channel");
    assertTrue(!opened.get(0).isOpen(), "and closed it");
  }

  @Test
  void aFileInThePageCache_isReadThroughIt() throws IOException {
    List<Path> files = files(CHUNK / 2);
    Files.readAllBytes(files.get(0)); // just written, and read: in the cache
    try (SegmentStream s = new SegmentStream(files)) {
      Path p = files.get(0);
      assertArrayEquals(Files.readAllBytes(p), read(s, 0, p, 0, Files.size(p), new SplittableRandom(9)));
      assertEquals(0, s.directBytes());
      assertEquals(Files.size(p), s.cachedBytes());
    }
  }

  @Test
  void aScanThatLeavesAFileEarly_getsTheNextFileFromItsOwnChunks() throws IOException {
    List<Path> files = files(3 * CHUNK, CHUNK + 7, 100);
    SplittableRandom random = new SplittableRandom(10);
    try (SegmentStream s = new SegmentStream(files)) {
      byte[] first = Files.readAllBytes(files.get(0));
      assertArrayEquals(Arrays.copyOfRange(first, 16, 1_000), read(s, 0, files.get(0), 16, 1_000, random));
      // File 1 skipped altogether; file 2 whole.
      assertArrayEquals(Files.readAllBytes(files.get(2)), read(s, 2, files.get(2), 0, 100, random));
    }
  }

  @Test
  void aReadBackwards_comesFromTheFileItself() throws IOException {
    List<Path> files = files(2 * CHUNK);
    byte[] all = Files.readAllBytes(files.get(0));
    try (SegmentStream s = new SegmentStream(files);
        FileChannel ch = FileChannel.open(files.get(0), StandardOpenOption.READ)) {
      FrameReader.Source source = s.source(0, ch);
      byte[] b = new byte[CHUNK + 10];
      int n = 0;
      while (n < b.length) {
        n += source.read(b, n, b.length - n, n);
      }
      byte[] back = new byte[64];
      assertEquals(64, source.read(back, 0, 64, 100));
      assertArrayEquals(Arrays.copyOfRange(all, 100, 164), back);
      assertArrayEquals(Arrays.copyOfRange(all, 0, b.length), b);
    }
  }

  @Test
  void aFileTheStreamCannotOpen_isReadFromTheScansOwnChannel() throws IOException {
    List<Path> files = files(1_000, 2_000, 3_000);
    byte[] middle = Files.readAllBytes(files.get(1));
    SplittableRandom random = new SplittableRandom(11);
    // The scan opened the file before it went; the stream, started after, cannot open it.
    try (FileChannel held = FileChannel.open(files.get(1), StandardOpenOption.READ)) {
      Files.delete(files.get(1));
      try (SegmentStream s = new SegmentStream(files)) {
        assertArrayEquals(Files.readAllBytes(files.get(0)), read(s, 0, files.get(0), 0, 1_000, random));
        FrameReader.Source source = s.source(1, held);
        byte[] b = new byte[2_000];
        int n = 0;
        while (n < b.length) {
          n += source.read(b, n, b.length - n, n);
        }
        assertArrayEquals(middle, b);
        assertArrayEquals(Files.readAllBytes(files.get(2)), read(s, 2, files.get(2), 0, 3_000, random));
      }
    }
  }

  @Test
  void filesAreAskedForInOrder() throws IOException {
    List<Path> files = files(10, 10);
    try (SegmentStream s = new SegmentStream(files);
        FileChannel ch = FileChannel.open(files.get(0), StandardOpenOption.READ)) {
      s.source(1, ch);
      org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> s.source(0, ch));
    }
  }

  private static boolean directReads(Path p) throws IOException {
    try (FileChannel ch = SegmentStream.openDirect(p)) {
      return ch != null;
    }
  }
}
