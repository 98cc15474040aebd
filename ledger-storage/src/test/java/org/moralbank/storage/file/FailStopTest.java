package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.ledger.store.JournalStoreContract;

/**
 * A failed write or sync fails its batch and stops the store; reopening recovers every
 * acknowledged record and cuts off what was half written.
 */
class FailStopTest {
  private static final long SEGMENT = 2048;

  @TempDir Path dir;
  private final FaultyChannel.Faults faults = new FaultyChannel.Faults();
  private final List<JournalRecord> records = JournalStoreContract.chain(0, Hash.ZERO, 200, "f");
  private FileJournalStore store;
  private int acknowledged;

  @BeforeEach
  void open() throws IOException {
    store = FileJournalStore.open(dir, SEGMENT, faults.opener());
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private void append(int n) throws IOException {
    store.append(records.subList(acknowledged, acknowledged + n));
    acknowledged += n;
  }

  private List<JournalRecord> batch(int n) {
    return records.subList(acknowledged, acknowledged + n);
  }

  /** An append that fails: the store logs it as an error and throws the cause. */
  private IOException failingAppend(int n) throws IOException {
    IOException[] thrown = new IOException[1];
    String log = Journals.stderrOf(() -> thrown[0] = assertThrows(IOException.class,
        () -> store.append(batch(n))));
    assertTrue(log.contains("ERROR") && log.contains("append to journal " + dir
        + " failed; refusing appends until it is reopened"), log);
    assertTrue(log.contains(thrown[0].getMessage()), "the log has the cause: " + log);
    return thrown[0];
  }

  /** After the failure: later appends are refused, acknowledged records stay readable. */
  private void assertStopped(IOException first) throws IOException {
    StoreFailedException later =
        assertThrows(StoreFailedException.class, () -> store.append(batch(1)));
    assertSame(first, later.getCause());
    assertEquals(acknowledged, store.size());
    List<JournalRecord> read = new ArrayList<>();
    store.read(0, acknowledged, read::add);
    assertEquals(records.subList(0, acknowledged), read);
  }

  /** Reopens without faults; returns the log. Every acknowledged record must be there. */
  private String reopen(int expectedSize) throws IOException {
    store.close();
    String log = Journals.stderrOf(() -> store = FileJournalStore.open(dir, SEGMENT));
    assertEquals(expectedSize, store.size());
    List<JournalRecord> read = new ArrayList<>();
    store.read(0, store.size(), read::add);
    assertEquals(records.subList(0, expectedSize), read);
    acknowledged = expectedSize;
    append(3); // and it takes appends again
    return log;
  }

  @Test
  void failedForce_stopsTheStore_andReopenKeepsTheAcknowledgedRecords() throws IOException {
    append(4);
    append(2);
    faults.failForce = true;
    IOException e = failingAppend(5);
    assertEquals("fsync failed (injected)", e.getMessage());
    assertStopped(e);
    faults.failForce = false;
    assertThrows(StoreFailedException.class, () -> store.append(batch(1)), "until reopened");
    // The failed batch was written but never acknowledged; here its bytes did reach the file,
    // so recovery finds it whole. What must never happen is losing records 0..5.
    reopen(11);
    store.close();
  }

  @Test
  void writeThatStopsHalfWay_isTrimmedOnReopen() throws IOException {
    append(3);
    long end = Files.size(Journals.segments(dir).get(0));
    faults.writableBytes = 150; // a frame and a half of the next batch, then "disk full"
    IOException e = failingAppend(4);
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertStopped(e);
    assertEquals(end + 150, Files.size(Journals.segments(dir).get(0)));
    faults.writableBytes = -1;
    String log = reopen(3);
    assertTrue(log.contains("150 bytes from offset " + end), log);
    store.close();
  }

  @Test
  void fullDisk_failsTheBatchBeforeAnyByte() throws IOException {
    append(2);
    faults.writableBytes = 0;
    IOException e = failingAppend(2);
    assertStopped(e);
    faults.writableBytes = -1;
    String log = reopen(2);
    assertFalse(log.contains("trimmed"), log);
    store.close();
  }

  /** Appends batches of five until the next one must start a new segment. */
  private void appendUntilTheNextBatchRolls() throws IOException {
    while (true) {
      List<Path> segments = Journals.segments(dir);
      long bytes = 0;
      for (JournalRecord r : batch(5)) {
        bytes += Format.FRAME_HEADER + r.bytes().length;
      }
      if (segments.size() > 1 && Files.size(segments.get(segments.size() - 1)) + bytes > SEGMENT) {
        return;
      }
      append(5);
    }
  }

  @Test
  void failureWhileStartingANewSegment_leavesTheJournalWhole() throws IOException {
    appendUntilTheNextBatchRolls();
    int segments = Journals.segments(dir).size();
    faults.failForce = true; // the first sync is the new header's
    IOException e = failingAppend(5);
    assertStopped(e);
    assertEquals(segments, Journals.segments(dir).size(), "the new segment never got its name");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.filter(p -> p.toString().endsWith(".seg.tmp")).count());
    }
    faults.failForce = false;
    reopen(acknowledged);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count());
    }
    store.close();
  }

  @Test
  void writeFailingRightAfterANewSegment_recoversIntoThatSegment() throws IOException {
    appendUntilTheNextBatchRolls();
    int segments = Journals.segments(dir).size();
    faults.writableBytes = Format.SEGMENT_HEADER + 10; // the new header, then 10 bytes
    IOException e = failingAppend(5);
    assertStopped(e);
    List<Path> after = Journals.segments(dir);
    assertEquals(segments + 1, after.size(), "a segment was started");
    assertEquals(Format.SEGMENT_HEADER + 10, Files.size(after.get(after.size() - 1)));
    faults.writableBytes = -1;
    String log = reopen(acknowledged);
    assertTrue(log.contains("10 bytes from offset " + Format.SEGMENT_HEADER), log);
    assertEquals(segments + 1, Journals.segments(dir).size(), "appends went to the new segment");
    store.close();
  }
}
