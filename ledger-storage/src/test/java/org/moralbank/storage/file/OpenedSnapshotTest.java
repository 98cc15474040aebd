package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalStoreContract;
import org.moralbank.ledger.store.Snapshot;

/** The snapshot {@code open} already read is handed out once, and never after a newer one. */
class OpenedSnapshotTest {
  @TempDir Path tmp;

  private static Snapshot snapshot(FileJournalStore s, int marker) throws IOException {
    return new Snapshot(s.size(), s.head(), new byte[] {(byte) marker, 1, 2, 3});
  }

  @Test
  void theSnapshotReadOnOpen_isTheFirstLatest_andTheDiskAnswersAfterwards() throws IOException {
    Path dir = tmp.resolve("j");
    Snapshot first;
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      s.append(JournalStoreContract.chain(0, Hash.ZERO, 10, "a"));
      first = snapshot(s, 1);
      s.saveSnapshot(first);
    }
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      assertEquals(Optional.of(first), s.latestSnapshot());
      assertEquals(Optional.of(first), s.latestSnapshot(), "read again from disk");
    }
  }

  @Test
  void aSnapshotSavedAfterOpen_replacesTheOneOpenRead() throws IOException {
    Path dir = tmp.resolve("j");
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      s.append(JournalStoreContract.chain(0, Hash.ZERO, 10, "a"));
      s.saveSnapshot(snapshot(s, 1));
    }
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      s.append(JournalStoreContract.chain(10, s.head(), 5, "b"));
      Snapshot second = snapshot(s, 2);
      s.saveSnapshot(second);
      assertEquals(Optional.of(second), s.latestSnapshot());
    }
  }

  @Test
  void aJournalWithoutSnapshots_hasNone_beforeAndAfterOpen() throws IOException {
    Path dir = tmp.resolve("j");
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      s.append(JournalStoreContract.chain(0, Hash.ZERO, 3, "a"));
      assertEquals(Optional.empty(), s.latestSnapshot());
    }
    try (FileJournalStore s = FileJournalStore.open(dir)) {
      assertEquals(Optional.empty(), s.latestSnapshot());
      s.saveSnapshot(snapshot(s, 3));
      assertEquals(3, s.latestSnapshot().orElseThrow().state()[0]);
    }
  }
}
