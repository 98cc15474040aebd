package org.moralbank.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The journal directory is already open, by another process or in this one: a journal has one
 * writer, so a second open is refused rather than sharing it. Close the other store first.
 */
public final class JournalLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  /**
   * A refused second open.
   *
   * @param directory the journal's directory, as the caller named it
   * @param holder the end of the message, after "is already open ": where the journal is open,
   *     {@code "in this process"} or {@code "by another process"} followed by the holder's
   *     process id in parentheses when the lock file tells it
   */
  public JournalLockedException(Path directory, String holder) {
    super("journal " + directory + " is already open " + holder);
    this.directory = Objects.requireNonNull(directory, "directory == null");
  }

  /** {@return the journal's directory; null after deserialization, as a path is not serialized} */
  public Path directory() {
    return directory;
  }
}
