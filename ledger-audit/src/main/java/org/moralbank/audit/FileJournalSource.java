package org.moralbank.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.IntegrityFailure;
import org.moralbank.ledger.store.JournalRecord;
import org.moralbank.storage.file.JournalScan;

/**
 * A file journal directory, read once through {@link JournalScan}: opening reads only the last
 * segment (where the journal ends, whether it ends in a torn tail); reading checks every frame's
 * CRC32C, sequence and link as it hands the records over, and a damaged frame surfaces as {@link
 * org.moralbank.storage.file.JournalCorruptedException} with its file and byte offset once the
 * records before it have been verified.
 *
 * <p>Nothing is locked (a live journal can be verified while its writer runs) and nothing on
 * disk changes. A torn tail and temporary files an interrupted write left behind stay where they
 * are; the records before the torn tail are verified and each such leftover is reported as a
 * warning.
 */
final class FileJournalSource implements JournalSource {
  private static final Pattern SEGMENT = Pattern.compile("[0-9]{20}\\.seg");

  private final Path directory;
  private final JournalScan scan;
  private final TreeMap<Long, Path> segments;
  private final List<String> warnings;

  private FileJournalSource(
      Path directory, JournalScan scan, TreeMap<Long, Path> segments, List<String> warnings) {
    this.directory = directory;
    this.scan = scan;
    this.segments = segments;
    this.warnings = warnings;
  }

  /** Whether {@code path} is a directory holding at least one segment file. */
  static boolean isJournal(Path path) throws IOException {
    return Files.isDirectory(path) && !segmentSizes(path).isEmpty();
  }

  /**
   * @throws NoSuchFileException if {@code directory} holds no segment file (the store would
   *     create an empty journal there)
   */
  static FileJournalSource open(Path directory) throws IOException {
    JournalScan scan = JournalScan.open(directory);
    List<String> warnings = new ArrayList<>();
    for (Path t : scan.temporaryFiles()) {
      warnings.add("left untouched: " + t + ", a temporary file left by an interrupted write");
    }
    scan.tornTail().ifPresent(t -> warnings.add("the journal ends in a torn tail, left untouched: "
        + t + " (an unfinished last write; its records were never acknowledged, unless a"
        + " checkpoint says otherwise)"));
    TreeMap<Long, Path> segments = new TreeMap<>();
    for (Path p : scan.segmentFiles()) {
      segments.put(Long.parseLong(p.getFileName().toString().substring(0, 20)), p);
    }
    return new FileJournalSource(directory, scan, segments, warnings);
  }

  private static TreeMap<Long, Long> segmentSizes(Path directory) throws IOException {
    TreeMap<Long, Long> sizes = new TreeMap<>();
    try (Stream<Path> s = Files.list(directory)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (SEGMENT.matcher(name).matches() && Files.isRegularFile(p)) {
          try {
            sizes.put(Long.parseLong(name.substring(0, 20)), Files.size(p));
          } catch (NumberFormatException e) {
            // twenty digits beyond Long.MAX_VALUE: not a segment of a journal
          }
        }
      }
    }
    return sizes;
  }

  @Override
  public String kind() {
    return "file journal";
  }

  @Override
  public Path path() {
    return directory;
  }

  /** The journal's size as its last segment says, or -1 if that segment is damaged. */
  @Override
  public long expectedRecords() {
    return scan.size();
  }

  @Override
  public Hash expectedHead() {
    return scan.head();
  }

  /** The scan, for a verifier that takes the records straight from its read buffer. */
  JournalScan scan() {
    return scan;
  }

  /** Read from record 0 alone, for a failure that comes before the scan reached it. */
  @Override
  public String claimedBranch() {
    return GenesisPeek.branchOf(directory).orElse(null);
  }

  /**
   * Hands the sink each record once its batch has closed, so that it never sees a record of a
   * batch that turns out damaged.
   */
  @Override
  public void read(RecordSink sink) throws IOException {
    List<JournalRecord> batch = new ArrayList<>();
    try {
      scan.read(new JournalScan.FrameConsumer() {
        private Hash previous = Hash.ZERO;

        @Override
        public boolean accept(long sequence, byte[] buffer, int offset, int length,
            int hashOffset) {
          Hash hash = Hash.of(buffer, hashOffset);
          batch.add(new JournalRecord(sequence, previous, hash,
              Arrays.copyOfRange(buffer, offset, offset + length)));
          previous = hash;
          return true;
        }

        @Override
        public void batchClosed(long records) throws IOException {
          for (JournalRecord r : batch) {
            if (!sink.record(r.sequence(), r.previousHash(), r.hash(), r.bytes(), null)) {
              throw Stop.INSTANCE;
            }
          }
          batch.clear();
        }
      });
    } catch (Stop stop) {
      // the sink has seen enough
    }
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * The verifier finds records whose frame passed its CRC but whose content is wrong; the store
   * does not say where a frame is, but segment files are named for their first sequence, so the
   * file at least is known.
   */
  @Override
  public Failure locate(IntegrityFailure f, String branch) {
    Map.Entry<Long, Path> segment = segments.floorEntry(f.sequence());
    return new Failure(branch, f.sequence(), f.problem().name(), f.detail(),
        segment == null ? null : segment.getValue(), -1, -1);
  }

  @Override
  public void close() {
    // a scan holds no file open between reads
  }

  /** Stops a scan from inside its consumer. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Stop INSTANCE = new Stop();

    private Stop() {
      super(null, null, false, false);
    }
  }
}
