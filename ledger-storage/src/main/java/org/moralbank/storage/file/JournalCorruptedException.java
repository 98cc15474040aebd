package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A journal file is damaged in a way that recovery must not repair: a bad frame with valid data
 * after it, a missing segment, a gap in the sequence, a record that does not link to the one
 * before it, an unreadable segment header, or a snapshot that covers records the journal no
 * longer holds. The store refuses to open (or a read stops); nothing was changed on disk.
 * docs/file-journal.md says what each case means and what an operator should do.
 */
public final class JournalCorruptedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  /** The byte offset where the damage starts. */
  private final long offset;
  /** The record sequence expected at that offset. */
  private final long sequence;

  /**
   * @param file the damaged file
   * @param offset the byte offset in {@code file} where the damage starts
   * @param sequence the record sequence expected at that offset
   * @param problem what is wrong there
   */
  public JournalCorruptedException(Path file, long offset, long sequence, String problem) {
    super(file + " at byte offset " + offset + " (sequence " + sequence + "): " + problem);
    this.file = Objects.requireNonNull(file, "file == null");
    this.offset = offset;
    this.sequence = sequence;
  }

  /** {@return the damaged file; null after deserialization, as a path is not serialized} */
  public Path file() {
    return file;
  }

  /** {@return the byte offset in {@link #file()} where the damage starts} */
  public long offset() {
    return offset;
  }

  /** {@return the record sequence expected at {@link #offset()}} */
  public long sequence() {
    return sequence;
  }
}
