package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;

/**
 * The committed version-1 journal reads back with the same records, hashes and snapshot, and
 * today's writer still produces it byte for byte.
 */
class GoldenFileJournalTest {
  private static final String HEAD =
      "4bd7f39068a0757dc0eb0013fbb99c51d2917e7cd410ea239f417929996232c5";
  private static final List<String> FILES = List.of(
      "00000000000000000000.seg",
      "00000000000000000006.seg",
      "00000000000000000012.seg",
      "snapshot-00000000000000000010.snap",
      "snapshot-00000000000000000018.snap");

  @TempDir Path tmp;

  private static Path golden() throws URISyntaxException {
    return Path.of(GoldenFileJournalTest.class.getResource("/golden/file-journal-v1").toURI());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(DirectoryLock.FILE))
          .sorted()
          .toList();
    }
  }

  @Test
  void goldenJournal_readsBack() throws Exception {
    assertEquals(FILES, names(golden()));
    Path dir = Journals.copy(golden(), tmp.resolve("copy"));
    try (FileJournalStore store = FileJournalStore.open(dir)) {
      assertEquals(18, store.size());
      assertEquals(Hash.parseHex(HEAD), store.head());
      List<JournalRecord> read = new ArrayList<>();
      store.read(0, 18, read::add);
      assertEquals(GoldenJournal.records(), read);
      Hash previous = Hash.ZERO;
      for (JournalRecord r : read) {
        assertEquals(previous, r.previousHash());
        assertEquals(sha256Leaf(r.bytes()), r.hash(), "record " + r.sequence());
        previous = r.hash();
      }
      assertEquals(Optional.of(GoldenJournal.snapshot(18)), store.latestSnapshot());
    }
    assertEquals(FILES, names(dir), "opening a sound journal changes no file");
    for (String name : FILES) {
      assertArrayEquals(Files.readAllBytes(golden().resolve(name)),
          Files.readAllBytes(dir.resolve(name)), name);
    }
  }

  @Test
  void writer_stillProducesTheGoldenBytes() throws Exception {
    Path dir = tmp.resolve("fresh");
    GoldenJournal.write(dir);
    assertEquals(FILES, names(dir));
    for (String name : FILES) {
      assertArrayEquals(Files.readAllBytes(golden().resolve(name)),
          Files.readAllBytes(dir.resolve(name)), name);
    }
  }

  /** SHA-256(0x00 || record), computed without the library's own hashing. */
  private static Hash sha256Leaf(byte[] record) throws NoSuchAlgorithmException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update((byte) 0);
    return Hash.of(d.digest(record));
  }
}
