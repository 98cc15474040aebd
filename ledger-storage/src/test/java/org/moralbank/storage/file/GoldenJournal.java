package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.HashAlgorithm;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.Snapshot;

/**
 * The journal committed under {@code src/test/resources/golden/file-journal-v1/}: 18 records in
 * batches of {@link #BATCHES} across segments of {@link FileJournalStore#MIN_SEGMENT_SIZE} bytes,
 * with snapshots after 10 and 18 records. Run {@link #main} once per format version, from the
 * module directory, to write it; never regenerate the files of a released version.
 */
final class GoldenJournal {
  static final int[] BATCHES = {1, 3, 2, 5, 1, 4, 2};

  private GoldenJournal() {}

  static List<JournalRecord> records() {
    List<JournalRecord> records = new ArrayList<>();
    Hash previous = Hash.ZERO;
    for (int i = 0; i < 18; i++) {
      byte[] bytes =
          ("golden record " + i + " " + "~".repeat(i * 3)).getBytes(StandardCharsets.UTF_8);
      Hash hash = HashAlgorithm.SHA_256.leafHash(bytes);
      records.add(new JournalRecord(i, previous, hash, bytes));
      previous = hash;
    }
    return records;
  }

  static Snapshot snapshot(int size) {
    return new Snapshot(size, records().get(size - 1).hash(),
        ("golden state after " + size + " records").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the golden journal into {@code dir}, which must not exist yet. */
  static void write(Path dir) throws IOException {
    List<JournalRecord> records = records();
    try (FileJournalStore store = FileJournalStore.open(dir, FileJournalStore.MIN_SEGMENT_SIZE)) {
      int i = 0;
      for (int n : BATCHES) {
        store.append(records.subList(i, i + n));
        i += n;
        if (i == 11) {
          store.saveSnapshot(snapshot(10));
        }
      }
      store.saveSnapshot(snapshot(18));
    }
    Files.delete(dir.resolve(DirectoryLock.FILE));
  }

  public static void main(String[] args) throws IOException {
    write(Path.of("src/test/resources/golden/file-journal-v1"));
  }
}
