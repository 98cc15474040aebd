package org.moralbank.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.JournalVerifier;
import org.moralbank.ledger.LedgerRecord;
import org.moralbank.ledger.MalformedRecordException;
import org.moralbank.ledger.proof.TreeHead;
import org.moralbank.storage.file.JournalCorruptedException;
import org.moralbank.storage.file.JournalScan;

/**
 * One pass over a journal or an export: every record goes through {@link JournalVerifier}
 * (decoding, sequence, hash chain, timestamps, full replay), then through the source's own check,
 * then to the listeners. The first failure stops the pass and is reported with its location;
 * damage that the source itself finds (a bad frame, a bad export line) is reported the same way.
 */
final class Scan implements Closeable {
  private final Path path;
  private final JournalSource source;
  private final Failure openFailure;

  private JournalVerifier verifier;
  private List<ScanListener> listeners;
  private boolean decodeAll;
  private Progress progress;
  private LedgerRecord.Genesis genesis;
  private long sound;
  private Hash head = Hash.ZERO;
  /**
   * The leaf hash the journal keeps for the last record a one-pass read handed on (the verdict
   * checks it: see {@link #run}).
   */
  private final byte[] lastLeaf = new byte[Hash.LENGTH];
  /** The same at the end of the last closed batch, and how many records that is. */
  private final byte[] closedLeaf = new byte[Hash.LENGTH];
  private long closedCount;
  /** False once record 0 of a one-pass read turned out no genesis: listeners see nothing more. */
  private boolean listening = true;

  private final long opened;

  private Scan(Path path, JournalSource source, Failure openFailure, long opened) {
    this.path = path;
    this.source = source;
    this.openFailure = openFailure;
    this.opened = opened;
  }

  /**
   * Opens a file journal directory or an export file. A damaged source is no exception: {@link
   * #run} reports it (a file journal's damage, once the records before it are verified).
   *
   * @throws IOException if the source cannot be read at all (missing, unreadable)
   */
  static Scan open(Path path) throws IOException {
    long start = System.nanoTime();
    try {
      JournalSource source = Files.isDirectory(path)
          ? FileJournalSource.open(path)
          : ExportSource.open(path);
      return new Scan(path, source, null, start);
    } catch (ExportDamagedException e) {
      return new Scan(path, null, e.toFailure(Failure.UNKNOWN_BRANCH), start);
    }
  }

  /** The journal's message without the location, which the failure carries in fields. */
  private static String problemOf(JournalCorruptedException e) {
    String m = e.getMessage();
    int i = m.indexOf("): ");
    return i >= 0 ? m.substring(i + 3) : m;
  }

  /** What the source says it holds, or -1 when it could not be opened. */
  long expectedRecords() {
    return source == null ? -1 : source.expectedRecords();
  }

  Hash expectedHead() {
    return source == null ? Hash.ZERO : source.expectedHead();
  }

  String kind() {
    return source == null ? (Files.isDirectory(path) ? "file journal" : "export") : source.kind();
  }

  /**
   * Verifies every record and hands the sound ones to {@code listeners}. The time reported runs
   * from {@link #open}, which for a file journal reads its last segment.
   *
   * <p>A file journal whose listeners need no decoded records is read once, straight from the
   * scan's buffer into a two-thread {@link JournalVerifier.Feed}; its listeners are then called
   * from the reading thread once a record has passed the link check (position, link, timestamp),
   * while the replay of bodies and the check of the leaf hash kept beside each record may still
   * be behind, so they can see a few batches past a failure: what they built counts only when
   * the result is sound. Every other scan runs the verifier record by record, and listeners see
   * only records that passed everything.
   */
  Result run(Optional<JournalVerifier.Anchor> anchor, List<ScanListener> listeners,
      Progress progress) throws IOException {
    if (openFailure != null) {
      return new Result(path, kind(), 0, Hash.ZERO, null, null, openFailure, List.of(),
          System.nanoTime() - opened);
    }
    this.listeners = List.copyOf(listeners);
    this.decodeAll = listeners.stream().anyMatch(ScanListener::needsRecords);
    this.progress = progress;
    progress.start(source.expectedRecords());
    Failure failure = null;
    JournalVerifier.Report report = null;
    try {
      if (source instanceof FileJournalSource file && !decodeAll) {
        report = readOnce(file.scan(), anchor);
      } else {
        this.verifier = new JournalVerifier();
        anchor.ifPresent(verifier::anchoredAt);
        source.read(this::record);
      }
    } catch (JournalCorruptedException e) {
      failure = new Failure(branch(), e.sequence(), "FILE_CORRUPTED", problemOf(e), e.file(),
          e.offset(), -1);
    } catch (ExportDamagedException e) {
      failure = e.toFailure(branch());
    } finally {
      progress.finish();
    }
    if (report != null) {
      sound = report.records();
      head = report.head();
    } else if (verifier != null) {
      report = verifier.finish();
    }
    // else the two-thread read stopped on a damaged frame: what passed the chain check counts
    if (failure == null && report.failure().isPresent()) {
      failure = source.locate(report.failure().get(), branch());
    }
    long records = report == null ? sound : Math.min(sound, report.records());
    if (failure != null) {
      records = Math.min(records, failure.sequence());
    }
    if (report == null && records < sound) {
      // The one-pass read went past the damage: into a batch that never closed. What is sound
      // ends where the last closed batch ended.
      records = Math.min(records, closedCount);
      head = Hash.of(closedLeaf);
    }
    return new Result(path, kind(), records, records == 0 ? Hash.ZERO : head,
        failure == null ? report.tree().orElse(null) : null, genesis, failure,
        new ArrayList<>(source.warnings()), System.nanoTime() - opened);
  }

  /**
   * Verifies a file journal in one pass, straight from the scan's read buffer, on two threads
   * ({@link JournalVerifier.Feed}). A damaged frame ends the pass; the replay, which runs behind,
   * may still find an earlier record at fault, and then that failure is the verdict.
   *
   * @throws JournalCorruptedException for damage the scan found before any failing record
   */
  private JournalVerifier.Report readOnce(
      JournalScan scan, Optional<JournalVerifier.Anchor> anchor) throws IOException {
    try (JournalVerifier.Feed feed = JournalVerifier.feed(anchor, Math.max(0, scan.size()))) {
      JournalCorruptedException damage = null;
      try {
        scan.read(new JournalScan.FrameConsumer() {
          @Override
          public boolean accept(long sequence, byte[] buffer, int offset, int length,
              int hashOffset) throws IOException {
            if (!feed.accept(sequence, buffer, offset, length, hashOffset)) {
              return false;
            }
            observe(sequence, buffer, offset, length, hashOffset);
            return true;
          }

          @Override
          public void batchClosed(long records) {
            System.arraycopy(lastLeaf, 0, closedLeaf, 0, Hash.LENGTH);
            closedCount = records;
          }
        });
      } catch (JournalCorruptedException e) {
        damage = e;
      }
      JournalVerifier.Report report = feed.finish();
      head = sound == 0 ? Hash.ZERO : Hash.of(lastLeaf);
      if (damage != null) {
        long at = damage.sequence();
        if (report.failure().map(f -> f.sequence() >= at).orElse(true)) {
          throw damage;
        }
      }
      return report;
    }
  }

  /**
   * A record of the one-pass read that passed the chain check, handed on to the listeners; the
   * replay of bodies may still be behind, so they can see a few records past a body failure.
   */
  private void observe(long sequence, byte[] buffer, int offset, int length, int hashOffset)
      throws IOException {
    LedgerRecord record = null;
    if (sequence == 0) {
      // The replay has not seen it yet: a record 0 that is no genesis is for it to report.
      try {
        record = LedgerRecord.decode(Arrays.copyOfRange(buffer, offset, offset + length));
      } catch (MalformedRecordException e) {
        listening = false;
      }
      if (record != null && record.body() instanceof LedgerRecord.Genesis g) {
        genesis = g;
      } else {
        listening = false;
      }
    }
    if (listening && !listeners.isEmpty()) {
      Hash hash = Hash.of(buffer, hashOffset);
      byte[] bytes = Arrays.copyOfRange(buffer, offset, offset + length);
      for (ScanListener l : listeners) {
        l.accept(sequence, hash, bytes, record);
      }
    }
    // Bytes rather than a Hash per record: only the last is ever wanted (see readOnce).
    System.arraycopy(buffer, hashOffset, lastLeaf, 0, Hash.LENGTH);
    sound = sequence + 1;
    progress.update(sound);
  }

  private boolean record(long sequence, Hash previous, Hash hash, byte[] bytes,
      JournalSource.SourceCheck check) throws IOException {
    if (!verifier.accept(sequence, previous, hash, bytes)) {
      return false;
    }
    Hash leaf = verifier.head();
    LedgerRecord record = null;
    if (sequence == 0 || decodeAll || check != null) {
      record = LedgerRecord.decode(bytes);
      if (sequence == 0) {
        genesis = (LedgerRecord.Genesis) record.body();
      }
    }
    if (check != null) {
      check.check(record, leaf);
    }
    for (ScanListener l : listeners) {
      l.accept(sequence, leaf, bytes, record);
    }
    sound = sequence + 1;
    head = leaf;
    progress.update(sound);
    return true;
  }

  private String branch() {
    if (genesis != null) {
      return genesis.bankId() + "/" + genesis.branchId();
    }
    String claimed = source == null ? null : source.claimedBranch();
    return claimed != null ? claimed : Failure.UNKNOWN_BRANCH;
  }

  @Override
  public void close() throws IOException {
    if (source != null) {
      source.close();
    }
  }

  /**
   * What a pass found.
   *
   * @param records how many records are sound, from the first
   * @param head the leaf hash of the last sound record
   * @param tree the RFC 6962 tree head of the whole journal, or null unless it is sound
   * @param genesis the branch's genesis record, or null if record 0 was not sound
   * @param failure the first failure, or null
   * @param nanos how long the pass took
   */
  record Result(Path path, String kind, long records, Hash head, TreeHead tree,
      LedgerRecord.Genesis genesis, Failure failure, List<String> warnings, long nanos) {
    Result {
      warnings = new ArrayList<>(warnings);
    }

    boolean sound() {
      return failure == null;
    }

    String branch() {
      return genesis == null
          ? (failure == null ? Failure.UNKNOWN_BRANCH : failure.branch())
          : genesis.bankId() + "/" + genesis.branchId();
    }

    /** A failure found beside the pass (a checkpoint whose signatures do not verify). */
    Result withFailure(Failure f) {
      return new Result(path, kind, records, head, tree, genesis, failure == null ? f : failure,
          warnings, nanos);
    }

    double recordsPerSecond() {
      return nanos == 0 ? 0 : records * 1e9 / nanos;
    }
  }
}
