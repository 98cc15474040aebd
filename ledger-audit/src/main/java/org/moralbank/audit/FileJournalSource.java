package org.moralbank.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.moralbank.ledger.Hash;
import org.moralbank.ledger.IntegrityFailure;
import org.moralbank.ledger.store.JournalStore;
import org.moralbank.storage.file.FileJournalStore;

/**
 * A file journal directory, read through {@link FileJournalStore}: opening it checks every
 * frame's CRC32C, sequence and link, and a damaged frame surfaces as {@link
 * org.moralbank.storage.file.JournalCorruptedException} with its file and byte offset.
 *
 * <p>The store is opened read-only: no lock (a live journal can be verified while its writer
 * runs), nothing on disk changes. A torn tail and temporary files an interrupted write left
 * behind stay where they are; the records before the torn tail are verified and each such
 * leftover is reported as a warning.
 */
final class FileJournalSource implements JournalSource {
  private static final Pattern SEGMENT = Pattern.compile("[0-9]{20}\\.seg");

  private final Path directory;
  private final FileJournalStore store;
  private final TreeMap<Long, Path> segments;
  private final List<String> warnings;

  private FileJournalSource(
      Path directory, FileJournalStore store, TreeMap<Long, Path> segments, List<String> warnings) {
    this.directory = directory;
    this.store = store;
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
   * @throws org.moralbank.storage.file.JournalCorruptedException if the journal is damaged
   */
  static FileJournalSource open(Path directory) throws IOException {
    TreeMap<Long, Long> before = segmentSizes(directory);
    if (before.isEmpty()) {
      throw new NoSuchFileException(directory.toString(), null, "no journal segment files here");
    }
    List<Path> temporary;
    try (Stream<Path> s = Files.list(directory)) {
      temporary = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).sorted().toList();
    }
    FileJournalStore store = FileJournalStore.openReadOnly(directory);
    List<String> warnings = new ArrayList<>();
    for (Path t : temporary) {
      warnings.add("left untouched: " + t + ", a temporary file left by an interrupted write");
    }
    store.tornTail().ifPresent(t -> warnings.add("the journal ends in a torn tail, left untouched: "
        + t + " (an unfinished last write; its records were never acknowledged, unless a"
        + " checkpoint says otherwise)"));
    TreeMap<Long, Path> segments = new TreeMap<>();
    for (Long first : before.keySet()) {
      segments.put(first, directory.resolve(String.format("%020d.seg", first)));
    }
    return new FileJournalSource(directory, store, segments, warnings);
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

  @Override
  public long expectedRecords() {
    return store.size();
  }

  @Override
  public Hash expectedHead() {
    return store.head();
  }

  /** The store, for the verifier's own two-thread read. */
  JournalStore store() {
    return store;
  }

  @Override
  public String claimedBranch() {
    return null;
  }

  @Override
  public void read(RecordSink sink) throws IOException {
    try {
      store.read(0, store.size(), r -> {
        if (!sink.record(r.sequence(), r.previousHash(), r.hash(), r.bytes(), null)) {
          throw Stop.INSTANCE;
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
  public void close() throws IOException {
    store.close();
  }

  /** Stops a store read from inside its consumer. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Stop INSTANCE = new Stop();

    private Stop() {
      super(null, null, false, false);
    }
  }
}
