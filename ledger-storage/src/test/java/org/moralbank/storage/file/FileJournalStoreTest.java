package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.AccountId;
import org.moralbank.ledger.BranchConfig;
import org.moralbank.ledger.BranchJournal;
import org.moralbank.ledger.Command;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.ledger.store.JournalStoreContract;

/** The storage contract, plus what only a file journal has: segments, reopening, limits. */
class FileJournalStoreTest extends JournalStoreContract {
  @TempDir Path tmp;
  private Path dir;

  @Override
  protected JournalStore createStore() throws IOException {
    dir = tmp.resolve("journal");
    return FileJournalStore.open(dir, FileJournalStore.MIN_SEGMENT_SIZE);
  }

  @Override
  protected JournalStore reopen(JournalStore s) throws IOException {
    s.close();
    return FileJournalStore.open(dir, FileJournalStore.MIN_SEGMENT_SIZE);
  }

  @Test
  void documentationExample() throws IOException {
    Path branchDir = tmp.resolve("bank").resolve("flower-association");
    // docs/file-journal.md
    JournalStore store = FileJournalStore.open(branchDir);
    BranchJournal journal =
        BranchJournal.openOrCreate(store, BranchConfig.of("bank", "flower-association"));
    // end
    journal.execute(Command.OpenAccount.member(AccountId.of(7)));
    journal.close();
    try (FileJournalStore reopened = FileJournalStore.open(branchDir)) {
      assertEquals(2, reopened.size(), "genesis and the account");
    }
  }

  @Test
  void append_rollsSegmentsAtTheSizeLimit_andReadsAcrossThem() throws IOException {
    List<JournalRecord> records = chain(0, Hash.ZERO, 300, "roll");
    for (int i = 0; i < 300; i += 3) {
      store.append(records.subList(i, i + 3));
    }
    List<Path> segments = Journals.segments(dir);
    assertTrue(segments.size() > 10, "segments: " + segments);
    for (Path s : segments.subList(0, segments.size() - 1)) {
      // a segment rolls before a batch would push it past the limit
      assertTrue(Files.size(s) <= FileJournalStore.MIN_SEGMENT_SIZE, s + " " + Files.size(s));
    }
    assertEquals(records, readAll(store));
    store = reopen(store);
    assertEquals(records, readAll(store));
  }

  @Test
  void append_batchLargerThanASegment_goesWholeIntoOneSegment() throws IOException {
    List<JournalRecord> records = chain(0, Hash.ZERO, 40, "big");
    store.append(records.subList(0, 1));
    store.append(records.subList(1, 40));
    List<Path> segments = Journals.segments(dir);
    assertEquals(2, segments.size());
    assertTrue(Files.size(segments.get(1)) > FileJournalStore.MIN_SEGMENT_SIZE);
    store = reopen(store);
    assertEquals(records, readAll(store));
  }

  @Test
  void read_anySubRange_matchesTheRecords() throws IOException {
    // enough records per segment that reads start from the sparse index, not the header
    store.close();
    store = FileJournalStore.open(dir, 64 << 10);
    List<JournalRecord> records = chain(0, Hash.ZERO, 3000, "range");
    Random random = new Random(7);
    for (int i = 0; i < records.size(); ) {
      int n = Math.min(1 + random.nextInt(50), records.size() - i);
      store.append(records.subList(i, i + n));
      i += n;
    }
    assertTrue(Journals.segments(dir).size() > 2);
    for (int i = 0; i < 300; i++) {
      int from = random.nextInt(records.size() + 1);
      int to = from + random.nextInt(records.size() - from + 1);
      List<JournalRecord> out = new ArrayList<>();
      store.read(from, to, out::add);
      assertEquals(records.subList(from, to), out, "[" + from + ", " + to + ")");
    }
  }

  @Test
  void open_sameDirectoryTwiceInOneProcess_isLocked() throws IOException {
    JournalLockedException e =
        assertThrows(JournalLockedException.class, () -> FileJournalStore.open(dir));
    assertEquals(dir, e.directory());
    assertTrue(e.getMessage().contains("in this process"), e.getMessage());
    store.close();
    store = FileJournalStore.open(dir);
    assertEquals(0, store.size());
  }

  @Test
  void open_throughAnotherPathToTheSameDirectory_isLocked() throws IOException {
    Path alias = dir.resolve("..").resolve(dir.getFileName());
    assertThrows(JournalLockedException.class, () -> FileJournalStore.open(alias));
  }

  @Test
  void open_whileAnotherProcessHoldsTheLock_isLocked() throws Exception {
    store.close();
    store = null;
    Process holder = ChildProcess.start(LockHolder.class, dir.toString());
    try {
      assertEquals("locked", ChildProcess.readLine(holder));
      JournalLockedException e =
          assertThrows(JournalLockedException.class, () -> FileJournalStore.open(dir));
      assertTrue(e.getMessage().contains("another process (process id " + holder.pid() + ")"),
          e.getMessage());
    } finally {
      holder.destroyForcibly().waitFor();
    }
    store = FileJournalStore.open(dir);
    assertEquals(0, store.size());
  }

  @Test
  void closedStore_refusesEverything() throws IOException {
    store.append(chain(0, Hash.ZERO, 2, "c"));
    store.close();
    assertThrows(IOException.class, () -> store.append(chain(2, store.head(), 1, "c")));
    assertThrows(IOException.class, () -> store.read(0, 1, r -> {}));
    assertThrows(IOException.class, () -> store.latestSnapshot());
    store.close(); // idempotent
  }

  @Test
  void append_recordLongerThanTheLimit_refusedAndNothingWritten() throws IOException {
    byte[] huge = new byte[Format.MAX_RECORD + 1];
    JournalRecord r = new JournalRecord(0, Hash.ZERO, Hash.ZERO, huge);
    assertThrows(IllegalArgumentException.class, () -> store.append(List.of(r)));
    assertEquals(0, store.size());
    store.append(chain(0, Hash.ZERO, 1, "after"));
    assertEquals(1, store.size());
  }

  @Test
  void open_segmentSizeBelowMinimum_refused() {
    assertThrows(IllegalArgumentException.class,
        () -> FileJournalStore.open(tmp.resolve("other"), FileJournalStore.MIN_SEGMENT_SIZE - 1));
  }

  /** Holds a journal open in a child process until it is killed. */
  static final class LockHolder {
    public static void main(String[] args) throws Exception {
      try (FileJournalStore s = FileJournalStore.open(Path.of(args[0]))) {
        System.out.println(s.size() == 0 ? "locked" : "unexpected records");
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }
}
