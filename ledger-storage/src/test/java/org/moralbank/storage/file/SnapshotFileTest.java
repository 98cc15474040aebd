package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;
import org.moralbank.ledger.store.Snapshot;

/**
 * Snapshots are kept two deep, and a damaged one is logged and skipped: the engine then uses the
 * older one, or replays from the records.
 */
class SnapshotFileTest {
  @TempDir Path dir;
  private final List<JournalRecord> records = JournalStoreContract.chain(0, Hash.ZERO, 30, "s");
  private FileJournalStore store;

  @BeforeEach
  void open() throws IOException {
    store = FileJournalStore.open(dir);
    store.append(records);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private Snapshot snapshotAt(int size) {
    byte[] state = ("state after " + size + " records").getBytes(StandardCharsets.UTF_8);
    return new Snapshot(size, records.get(size - 1).hash(), state);
  }

  @Test
  void save_keepsTheNewestTwo() throws IOException {
    store.saveSnapshot(snapshotAt(5));
    store.saveSnapshot(snapshotAt(10));
    store.saveSnapshot(snapshotAt(20));
    assertEquals(
        List.of(dir.resolve(SnapshotFile.name(10)), dir.resolve(SnapshotFile.name(20))),
        Journals.snapshots(dir));
    assertEquals(Optional.of(snapshotAt(20)), store.latestSnapshot());
  }

  @Test
  void save_olderThanTheLatest_replacesIt() throws IOException {
    store.saveSnapshot(snapshotAt(20));
    store.saveSnapshot(snapshotAt(10));
    assertEquals(Optional.of(snapshotAt(10)), store.latestSnapshot());
  }

  @Test
  void bitFlipInEveryByteOfTheNewest_fallsBackToTheOlder() throws IOException {
    store.saveSnapshot(snapshotAt(10));
    store.saveSnapshot(snapshotAt(20));
    Path newest = dir.resolve(SnapshotFile.name(20));
    byte[] sound = Files.readAllBytes(newest);
    for (int i = 0; i < sound.length; i++) {
      Journals.flipBit(newest, i, i % 8);
      AtomicReference<Optional<Snapshot>> latest = new AtomicReference<>();
      String log = Journals.stderrOf(() -> latest.set(store.latestSnapshot()));
      assertEquals(Optional.of(snapshotAt(10)), latest.get(), "flipped byte " + i);
      assertTrue(log.contains("WARN") && log.contains("ignoring damaged snapshot: " + newest), log);
      Files.write(newest, sound);
    }
    assertEquals(Optional.of(snapshotAt(20)), store.latestSnapshot());
  }

  @Test
  void damagedOnlySnapshot_isIgnored_andSurvivesReopen() throws IOException {
    store.saveSnapshot(snapshotAt(10));
    Path file = dir.resolve(SnapshotFile.name(10));
    Journals.truncate(file, Files.size(file) - 1);
    String log = Journals.stderrOf(() -> assertEquals(Optional.empty(), store.latestSnapshot()));
    assertTrue(log.contains("snapshot fails its CRC32C") || log.contains("does not match a file"),
        log);
    store.close();
    store = FileJournalStore.open(dir);
    assertEquals(30, store.size());
    assertEquals(Optional.empty(), store.latestSnapshot());
  }

  @Test
  void unsupportedVersion_isIgnoredByName() throws IOException {
    store.saveSnapshot(snapshotAt(10));
    Path file = dir.resolve(SnapshotFile.name(10));
    byte[] b = Files.readAllBytes(file);
    ByteBuffer.wrap(b).putInt(8, 9).putInt(b.length - 4, Format.crc(b, 0, b.length - 4));
    Files.write(file, b);
    String log = Journals.stderrOf(() -> assertEquals(Optional.empty(), store.latestSnapshot()));
    assertTrue(log.contains("unsupported snapshot format version 9"), log);
  }

  @Test
  void fileRenamedToAnotherSize_isIgnored() throws IOException {
    store.saveSnapshot(snapshotAt(10));
    Files.move(dir.resolve(SnapshotFile.name(10)), dir.resolve(SnapshotFile.name(11)));
    String log = Journals.stderrOf(() -> assertEquals(Optional.empty(), store.latestSnapshot()));
    assertTrue(log.contains("its name says 11"), log);
  }

  @Test
  void encode_layout() {
    byte[] b = SnapshotFile.encode(new Snapshot(7, Hash.ZERO, new byte[] {42}));
    assertEquals(SnapshotFile.HEADER + 1 + 4, b.length);
    ByteBuffer in = ByteBuffer.wrap(b);
    assertEquals(1, in.getInt(8));
    assertEquals(7, in.getLong(12));
    assertEquals(1, in.getInt(52));
    assertEquals(42, b[56]);
    assertEquals(Format.crc(b, 0, 57), in.getInt(57));
  }
}
